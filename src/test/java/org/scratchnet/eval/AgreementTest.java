package org.scratchnet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgreementTest {

    //                               example:  0  1  2  3  4  5
    private static final int[] LABELS =      {0, 1, 2, 3, 4, 5};
    private static final int[] FIRST =       {0, 1, 9, 9, 9, 5};  // wrong on 2, 3, 4
    private static final int[] SECOND =      {0, 1, 2, 8, 7, 5};  // wrong on 3, 4
    private static final int[] THIRD =       {0, 1, 2, 3, 6, 0};  // wrong on 4, 5

    @Test
    void theExamplesFallInThreeGroupsWithTheCommitteesErrorsInEach() {
        int[] committee = {0, 1, 2, 8, 4, 5};  // wrong on 3 (split); right on 4, where every member is wrong
        Agreement a = Agreement.of(LABELS, List.of(FIRST, SECOND, THIRD), committee);
        assertThat(a.allRight()).isEqualTo(new Agreement.Group(2, 0));  // examples 0 and 1
        assertThat(a.split()).isEqualTo(new Agreement.Group(3, 1));     // 2, 3, 5: the committee wrong on 3
        assertThat(a.allWrong()).isEqualTo(new Agreement.Group(1, 0));  // 4: mended
        assertThat(a.allRight().examples() + a.split().examples() + a.allWrong().examples()).isEqualTo(LABELS.length);
        assertThat(a.members()).isEqualTo(3);
    }

    @Test
    void sharedCountsTheErrorsEachPairMakesTogetherWithEachMembersErrorsOnTheDiagonal() {
        Agreement a = Agreement.of(LABELS, List.of(FIRST, SECOND, THIRD), FIRST);
        assertThat(a.shared()).isDeepEqualTo(new int[][] {
                {3, 2, 1},
                {2, 2, 1},
                {1, 1, 2}});
        assertThat(a.errors(0)).isEqualTo(3);
        // shares: 2/3, 1/3 (first's errors), 2/2, 1/2 (second's), 1/2, 1/2 (third's); their mean
        assertThat(a.meanSharedErrors()).isCloseTo((2 / 3.0 + 1 / 3.0 + 1 + 0.5 + 0.5 + 0.5) / 6, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void identicalMembersShareEveryErrorAndNeverSplit() {
        Agreement a = Agreement.of(LABELS, List.of(FIRST, FIRST), FIRST);
        assertThat(a.split().examples()).isZero();
        assertThat(a.allWrong()).isEqualTo(new Agreement.Group(3, 3));
        assertThat(a.meanSharedErrors()).isEqualTo(1.0);
    }

    @Test
    void membersWithoutErrorsHaveNoShareToAverage() {
        Agreement a = Agreement.of(LABELS, List.of(LABELS, LABELS), LABELS);
        assertThat(a.allRight().examples()).isEqualTo(6);
        assertThat(a.meanSharedErrors()).isNaN();
    }

    @Test
    void predictionsOfAnotherLengthAreRefused() {
        assertThatThrownBy(() -> Agreement.of(LABELS, List.of(FIRST, new int[5]), FIRST)).hasMessageContaining("5 predictions for 6");
        assertThatThrownBy(() -> Agreement.of(LABELS, List.of(FIRST), new int[2])).hasMessageContaining("committee has 2");
        assertThatThrownBy(() -> Agreement.of(LABELS, List.of(), FIRST)).hasMessageContaining("no members");
    }
}
