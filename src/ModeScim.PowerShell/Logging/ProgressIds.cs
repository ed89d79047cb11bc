namespace ModeScim.PowerShell.Logging
{
    /// <summary>Activity ids of the module's progress bars: an outer bar (many groups) and an inner one (the items
    /// of one step) can show at once without replacing each other.</summary>
    internal static class ProgressIds
    {
        public const int Listing = 1;
        public const int Groups = 2;
        public const int Items = 4;
    }
}
