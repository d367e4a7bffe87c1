package io.filesight.domain;

/** Cloud virtual machine facts of a machine, as in Defender's {@code vmMetadata}. */
public record VmMetadata(
    String vmId, String cloudProvider, String resourceId, String subscriptionId) {}
