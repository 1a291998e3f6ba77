#!/bin/bash
# LocalStack "ready" hook of the Docker Compose stack (mounted into /etc/localstack/init/ready.d/ by
# docker-compose.yml): the AWS side, set up as an AWS customer sets it up. A CloudWatch metric alarm
# whose ALARM and OK actions publish to an SNS topic, and the SQS queue the hub reads, subscribed to
# that topic without raw message delivery (so each message is the SNS envelope), with the queue
# policy that lets the topic send to it. Raise the alarm afterwards with
#   docker compose exec localstack awslocal cloudwatch set-alarm-state \
#     --alarm-name orders-api-5xx --state-value ALARM --state-reason "testing"
set -euo pipefail

region="${AWS_DEFAULT_REGION:-us-east-1}"
name="${MIMAMORI_DEMO_QUEUE:-mimamori-cloudwatch-alarms}"
alarm="${MIMAMORI_DEMO_ALARM:-orders-api-5xx}"
aws_() { awslocal --region "$region" "$@"; }

topic_arn=$(aws_ sns create-topic --name "$name" --query TopicArn --output text)
queue_url=$(aws_ sqs create-queue --queue-name "$name" --query QueueUrl --output text)
queue_arn=$(aws_ sqs get-queue-attributes --queue-url "$queue_url" --attribute-names QueueArn \
  --query Attributes.QueueArn --output text)

policy_attributes=$(python3 - "$queue_arn" "$topic_arn" <<'PY'
import json, sys
queue_arn, topic_arn = sys.argv[1], sys.argv[2]
policy = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
    "Resource": queue_arn, "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}}}]}
print(json.dumps({"Policy": json.dumps(policy)}))
PY
)
aws_ sqs set-queue-attributes --queue-url "$queue_url" --attributes "$policy_attributes"
aws_ sns subscribe --topic-arn "$topic_arn" --protocol sqs --notification-endpoint "$queue_arn" \
  --attributes RawMessageDelivery=false >/dev/null

# No metric data arrives in this stack: treat-missing-data ignore keeps LocalStack's own evaluation
# from moving the alarm, so it changes state only when you set it.
aws_ cloudwatch put-metric-alarm --alarm-name "$alarm" \
  --alarm-description "5xx answers of the orders API load balancer" \
  --namespace AWS/ApplicationELB --metric-name HTTPCode_Target_5XX_Count \
  --dimensions Name=LoadBalancer,Value=app/orders/0123456789abcdef \
  --statistic Sum --period 60 --evaluation-periods 1 --threshold 5 \
  --comparison-operator GreaterThanThreshold --treat-missing-data ignore \
  --alarm-actions "$topic_arn" --ok-actions "$topic_arn"

echo "mimamori: alarm $alarm -> SNS $topic_arn -> SQS $queue_url"
