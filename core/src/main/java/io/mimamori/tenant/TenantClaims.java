package io.mimamori.tenant;

/**
 * What a source knows about an input that can tell whose it is. Every field may be null; a
 * source fills in what its protocol carries.
 *
 * @param address       the sender's IP address as text (no port), matched against tenant CIDRs
 * @param hostname      the host name the input names (syslog HOSTNAME, SNMP agent name)
 * @param snmpCommunity the SNMPv1/v2c community the trap came with
 * @param snmpUser      the SNMPv3 USM user name the trap came with
 * @param awsAccount    the AWS account id of a CloudWatch alarm
 * @param sqsQueue      the SQS queue (URL or name) an input was read from
 */
public record TenantClaims(String address, String hostname, String snmpCommunity, String snmpUser,
                           String awsAccount, String sqsQueue) {

    public static TenantClaims ofAddress(String address, String hostname) {
        return new TenantClaims(address, hostname, null, null, null, null);
    }

    public static TenantClaims ofSnmp(String address, String community, String user) {
        return new TenantClaims(address, null, community, user, null, null);
    }

    public static TenantClaims ofAws(String account, String queue) {
        return new TenantClaims(null, null, null, null, account, queue);
    }
}
