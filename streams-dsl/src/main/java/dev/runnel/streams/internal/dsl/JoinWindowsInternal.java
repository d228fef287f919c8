package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.kstream.JoinWindows;

/** Read access to a {@link JoinWindows}' choice between the joins of before and after KIP-633. */
final class JoinWindowsInternal extends JoinWindows {
    JoinWindowsInternal(JoinWindows windows) {
        super(windows);
    }

    /** Returns whether left and outer joins hold unmatched records until their windows close. */
    boolean spuriousResultFixEnabled() {
        return enableSpuriousResultFix;
    }
}
