namespace ModeScim.PowerShell.Journal
{
    /// <summary>The Disable record whose groups a returning user gets back, and the later one passed over for it.
    /// Mode drops every membership of a user it deactivates, so a user disabled a second time with no Enable
    /// journalled in between (a server that reports a disabled user as active, a job run twice on a stale
    /// listing) is recorded with no groups: that record must not hide the earlier one that names them.</summary>
    internal sealed class RestoreSource
    {
        // Whether an Enable was journalled after Line: a Disable after that one is a new leaving.
        private bool _enabledSince;

        private RestoreSource(JournalLine line, JournalLine? passedOver)
        {
            Line = line;
            PassedOver = passedOver;
        }

        /// <summary>The record to restore from.</summary>
        public JournalLine Line { get; }

        /// <summary>The latest Disable record, when it names no groups and <see cref="Line"/> was kept instead.</summary>
        public JournalLine? PassedOver { get; }

        public static RestoreSource First(JournalLine disable) => new RestoreSource(disable, null);

        /// <summary>The source once <paramref name="disable"/>, a later Disable record of the same user, is read.</summary>
        public RestoreSource Then(JournalLine disable)
        {
            return !_enabledSince && !NamesGroups(disable) && NamesGroups(Line)
                ? new RestoreSource(Line, disable)
                : First(disable);
        }

        public void MarkEnabled()
        {
            _enabledSince = true;
        }

        private static bool NamesGroups(JournalLine line) => line.Entry!.GroupsKnown != false && line.Entry.Groups.Count > 0;
    }
}
