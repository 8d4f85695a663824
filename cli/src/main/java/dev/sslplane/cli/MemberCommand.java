package dev.sslplane.cli;

import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.model.InstanceChanged;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sslplane add-member|remove-member|replace-member}: the members of a registered instance (refused while an
 * operation runs; allowed while one has FAILED). Top-level commands, as every command reads the root's options.
 */
final class MemberCommand {

    private MemberCommand() {
    }

    /** The new member's fields, as registration takes them. */
    static final class MemberOptions {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the member's name")
        String name;
        @Option(names = "--host", required = true, paramLabel = "HOST", description = "host name or IP address")
        String host;
        @Option(names = "--port", required = true, paramLabel = "PORT", description = "TCP port")
        int port;
        @Option(names = "--role", defaultValue = "SECONDARY", paramLabel = "ROLE",
                description = "PRIMARY, SECONDARY or HIDDEN (default ${DEFAULT-VALUE})")
        NodeRole role;
        @Option(names = "--alt-name", paramLabel = "NAME", description = "a further name it answers on (repeatable)")
        List<String> altNames = new ArrayList<>();

        NodeSpec spec() {
            return new NodeSpec(name, host, port, role, altNames);
        }
    }

    @Command(name = "add-member", mixinStandardHelpOptions = true, description = "Add a member; while SSL is enabled it "
            + "gets its certificate in the next operation.")
    static final class Add extends ChangeCommand {
        @Parameters(paramLabel = "INSTANCE", description = "instance id")
        String instanceId;
        @picocli.CommandLine.Mixin
        MemberOptions member = new MemberOptions();

        @Override
        InstanceChanged change(SslplaneClient client, String key) {
            return client.commands().addMember(instanceId, member.spec(), key);
        }
    }

    @Command(name = "remove-member", mixinStandardHelpOptions = true, description = "Remove a member (not the one "
            + "registered as PRIMARY, not the last one).")
    static final class Remove extends ChangeCommand {
        @Parameters(index = "0", paramLabel = "INSTANCE", description = "instance id")
        String instanceId;
        @Parameters(index = "1", paramLabel = "MEMBER", description = "the member's name")
        String memberName;

        @Override
        InstanceChanged change(SslplaneClient client, String key) {
            return client.commands().removeMember(instanceId, memberName, key);
        }
    }

    @Command(name = "replace-member", mixinStandardHelpOptions = true, description = "Replace a (dead) member by a new "
            + "host with a name of its own; then 'sslplane retry' of a failed operation drives the replacement.")
    static final class Replace extends ChangeCommand {
        @Parameters(index = "0", paramLabel = "INSTANCE", description = "instance id")
        String instanceId;
        @Parameters(index = "1", paramLabel = "MEMBER", description = "the member that leaves")
        String memberName;
        @picocli.CommandLine.Mixin
        MemberOptions replacement = new MemberOptions();

        @Override
        InstanceChanged change(SslplaneClient client, String key) {
            return client.commands().replaceMember(instanceId, memberName, replacement.spec(), key);
        }
    }
}
