using System;
using System.IO;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>Where the journal lives: -JournalPath, else $env:MODESCIM_JOURNAL, else a file in the user's
    /// local application data. There is always a journal: an offboarding without one would lose the
    /// memberships Mode drops, which is what ModeScim exists to prevent.</summary>
    internal static class JournalLocation
    {
        public const string EnvironmentVariable = "MODESCIM_JOURNAL";

        public static string Resolve(string? explicitPath, Func<string, string> resolveProviderPath)
        {
            var path = explicitPath;
            if (string.IsNullOrWhiteSpace(path))
            {
                path = Environment.GetEnvironmentVariable(EnvironmentVariable);
            }
            if (string.IsNullOrWhiteSpace(path))
            {
                return DefaultPath();
            }
            return resolveProviderPath(path!);
        }

        public static string DefaultPath()
        {
            var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            if (string.IsNullOrEmpty(root))
            {
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }
            return Path.Combine(root, "ModeScim", "journal.jsonl");
        }
    }
}
