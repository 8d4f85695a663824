package dev.sslplane.commandservice.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.contracts.error.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The {@code members} of a renew-node-certificates request, as REST and Kafka intake read them. */
class RenewalMembersTest {

    @Test
    void absentOrEmptyMeansEveryMember() {
        assertThat(RenewalMembers.read(null)).isEmpty();
        assertThat(RenewalMembers.read(List.of())).isEmpty();
    }

    @Test
    void memberNamesAreKeptInTheirOrder() {
        assertThat(RenewalMembers.read(List.of("rs0-3", "rs0-1"))).containsExactly("rs0-3", "rs0-1");
    }

    @Test
    void everyBadNameIsListed() {
        List<String> members = new ArrayList<>(Arrays.asList("rs0-1", "", null, "../x", "rs0-1"));
        assertThatThrownBy(() -> RenewalMembers.read(members))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).contains("members[1] must match", "members[2] must match",
                            "members[3] must match", "members[4] names rs0-1 again");
                });
    }

    @Test
    void moreThanFiftyAreRefused() {
        List<String> many = IntStream.range(0, 51).mapToObj(i -> "m-" + i).toList();
        assertThatThrownBy(() -> RenewalMembers.read(many)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.getMessage()).contains("members may name at most 50 members; it names 51"));
        assertThat(RenewalMembers.read(many.subList(0, 50))).hasSize(50);
    }
}
