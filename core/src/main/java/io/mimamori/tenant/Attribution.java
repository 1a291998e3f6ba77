package io.mimamori.tenant;

import java.util.List;

/**
 * What makes an input a tenant's, as written in {@code tenants.yaml}. SNMP communities are
 * credentials, so only their references ({@code env:NAME}, {@code file:PATH}) are kept here.
 *
 * @param cidrs           sender address prefixes, IPv4 and IPv6
 * @param hostnames       host names, exact or globs such as {@code *.acme.example} (ignoring case)
 * @param snmpCommunities where the SNMPv1/v2c communities are
 * @param snmpUsers       SNMPv3 USM user names
 * @param awsAccounts     12-digit AWS account ids
 * @param sqsQueues       SQS queue URLs or names
 */
public record Attribution(List<String> cidrs, List<String> hostnames, List<String> snmpCommunities,
                          List<String> snmpUsers, List<String> awsAccounts, List<String> sqsQueues) {
    static final Attribution NONE = new Attribution(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public Attribution {
        cidrs = List.copyOf(cidrs);
        hostnames = List.copyOf(hostnames);
        snmpCommunities = List.copyOf(snmpCommunities);
        snmpUsers = List.copyOf(snmpUsers);
        awsAccounts = List.copyOf(awsAccounts);
        sqsQueues = List.copyOf(sqsQueues);
    }
}
