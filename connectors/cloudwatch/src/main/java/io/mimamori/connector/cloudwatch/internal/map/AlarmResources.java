package io.mimamori.connector.cloudwatch.internal.map;

import java.util.List;
import java.util.Map;

/**
 * The affected object of an alarm, from the dimensions of its metric: the instance, database,
 * load balancer, function, queue, ... it watches; the alarm name when no dimension names one.
 */
public final class AlarmResources {
    /** Dimensions naming a resource, most specific first. */
    private static final List<String> DIMENSIONS = List.of("InstanceId", "DBInstanceIdentifier",
            "DBClusterIdentifier", "CacheClusterId", "TargetGroup", "LoadBalancer", "LoadBalancerName", "FunctionName",
            "QueueName", "TopicName", "TableName", "BucketName", "StateMachineArn", "ApiName", "ApiId", "DomainName",
            "ClusterIdentifier", "AutoScalingGroupName", "VolumeId", "NatGatewayId", "VpnId", "DistributionId",
            "FileSystemId", "StreamName", "DeliveryStreamName", "Broker", "ClusterName");

    private AlarmResources() {
    }

    /** The resource the alarm is about. */
    public static String of(Map<String, String> dimensions, String alarmName) {
        String cluster = dimensions.get("ClusterName");
        String service = dimensions.get("ServiceName");
        if (cluster != null && service != null) {
            return cluster + "/" + service;
        }
        for (String d : DIMENSIONS) {
            String v = dimensions.get(d);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return alarmName;
    }

    /** The EC2 instance the alarm watches, or null. */
    public static String host(Map<String, String> dimensions) {
        return dimensions.get("InstanceId");
    }
}
