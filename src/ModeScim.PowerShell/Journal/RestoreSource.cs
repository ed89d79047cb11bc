using System;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>The Disable record whose groups a returning user gets back, and the later one passed over for it.
    /// Mode drops every membership of a user it deactivates, so a user disabled a second time with no Enable
    /// journalled in between (a server that reports a disabled user as active, a job run twice on a stale
    /// listing) is recorded with no groups: that record must not hide the earlier one that names them.</summary>
    internal sealed class RestoreSource
    {
        public RestoreSource(LifecycleRecord record, LifecycleRecord? passedOver, ClockChoice? byClock)
        {
            // The index lets go of a Disable's groups only when a later record in its file rules it out.
            Line = record.Line ?? throw new InvalidOperationException("The journal index let go of the record to restore from.");
            PassedOver = passedOver;
            ByClock = byClock;
        }

        /// <summary>The record to restore from.</summary>
        public JournalLine Line { get; }

        /// <summary>The latest Disable record, when it names no groups and <see cref="Line"/> was kept instead.</summary>
        public LifecycleRecord? PassedOver { get; }

        /// <summary>Set when which record this is depended on the order of two records from different files that nothing
        /// but their machines' clocks orders.</summary>
        public ClockChoice? ByClock { get; }
    }

    /// <summary>Two records of one user from different files, neither of which follows the other, whose order their
    /// machines' clocks decided, and on which the record to restore from depended.</summary>
    internal sealed class ClockChoice
    {
        public ClockChoice(LifecycleRecord later, LifecycleRecord earlier)
        {
            Later = later;
            Earlier = earlier;
        }

        /// <summary>The one whose clock said later.</summary>
        public LifecycleRecord Later { get; }

        public LifecycleRecord Earlier { get; }
    }
}
