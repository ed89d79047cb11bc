using System;
using System.Globalization;
using System.IO;
using System.Linq;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>Where the journal lives: -JournalPath, else $env:MODESCIM_JOURNAL, else a file in the user's
    /// local application data. There is always a journal: an offboarding without one would lose the
    /// memberships Mode drops, which is what ModeScim exists to prevent.</summary>
    internal static class JournalLocation
    {
        public const string EnvironmentVariable = "MODESCIM_JOURNAL";

        /// <summary>The file-system path of the journal. <paramref name="resolveProviderPath"/> turns a PowerShell path
        /// (relative to the current location) into a provider path, and names the provider: a journal on
        /// another provider's drive (Env:, Variable:) is refused with an ArgumentException.</summary>
        public static string Resolve(string? explicitPath, Func<string, (string Path, string Provider)> resolveProviderPath)
        {
            var path = explicitPath;
            if (InputValidation.IsBlank(path))
            {
                path = Environment.GetEnvironmentVariable(EnvironmentVariable);
            }
            if (InputValidation.IsBlank(path))
            {
                return DefaultPath();
            }
            var resolved = resolveProviderPath(path);
            if (!string.Equals(resolved.Provider, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("The journal must be a file, but '" + path + "' is on the " + resolved.Provider + " provider.");
            }
            return resolved.Path;
        }

        /// <summary>Resolves with a PowerShell session's path rules.</summary>
        public static string Resolve(string? explicitPath, System.Management.Automation.SessionState session)
        {
            return Resolve(explicitPath, text =>
            {
                var path = session.Path.GetUnresolvedProviderPathFromPSPath(text, out var provider, out _);
                return (path, provider.Name);
            });
        }

        /// <summary>The file records are appended to. A journal folder (an existing one, or a path ending in a
        /// separator) gets one file per day and machine, so runs on different agents never write the same file and
        /// a store that keeps the folder merges without conflicts.</summary>
        public static string WriteFile(string journal, DateTime utcNow)
        {
            var isFolder = Directory.Exists(journal)
                || journal.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)
                || journal.EndsWith(Path.AltDirectorySeparatorChar.ToString(), StringComparison.Ordinal);
            if (!isFolder)
            {
                return journal;
            }
            var machine = new string(Environment.MachineName.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
            var day = utcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            return Path.Combine(journal, "modescim-" + day + "-" + machine + ".jsonl");
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
