using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ModeScim.PowerShell.Evidence
{
    /// <summary>The evidence folder and the names of its files. A set is written whole into a hidden folder inside it and
    /// moved in only once every file is complete, the manifest last: an auditor finds either the old set, no set, or the
    /// new one, and never a mix. A set without manifest.json is incomplete.</summary>
    internal sealed class EvidenceFolder
    {
        public const string Accounts = "accounts.csv";
        public const string JournalLines = "journal.jsonl";
        public const string JournalTable = "journal.csv";
        public const string Leavers = "leavers.csv";
        public const string Plans = "plans.csv";
        public const string Manifest = "manifest.json";

        /// <summary>The data files in the order the manifest lists them; the manifest is written after them.</summary>
        public static readonly string[] DataFiles = { Accounts, JournalLines, JournalTable, Leavers, Plans };

        private const string StagingPrefix = ".modescim-evidence-";

        public EvidenceFolder(string path)
        {
            Path = path;
        }

        public string Path { get; }

        /// <summary>The evidence files the folder holds already (a manifest, or any data file of an earlier set).</summary>
        public IReadOnlyList<string> Existing() => Directory.Exists(Path)
            ? DataFiles.Concat(new[] { Manifest }).Where(name => File.Exists(System.IO.Path.Combine(Path, name))).ToList()
            : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>Creates the folder (if missing), so that a path that cannot be one fails before any request.</summary>
        public void Create() => Directory.CreateDirectory(Path);

        /// <summary>Creates the folder and an empty staging folder inside it, where the new set is written.</summary>
        public string Stage()
        {
            Create();
            var staging = System.IO.Path.Combine(Path, StagingPrefix + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(staging);
            return staging;
        }

        /// <summary>Replaces the folder's set with the staged one: the old manifest goes first (so an interrupted replacement
        /// is visibly incomplete), then the old files, then the new files move in; the caller writes the manifest last.</summary>
        public void Commit(string staging)
        {
            // A file held open (a spreadsheet showing the old set) would stop the replacement half-way: each is tried
            // first, and nothing is deleted unless every one can be.
            foreach (var name in Existing())
            {
                using (File.Open(System.IO.Path.Combine(Path, name), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }
            }
            foreach (var name in new[] { Manifest }.Concat(DataFiles))
            {
                File.Delete(System.IO.Path.Combine(Path, name));
            }
            foreach (var name in DataFiles)
            {
                File.Move(System.IO.Path.Combine(staging, name), System.IO.Path.Combine(Path, name));
            }
            Directory.Delete(staging, true);
        }

        /// <summary>Removes a staging folder left by a failed export; a failure to remove it is not the export's error.</summary>
        public static void Discard(string staging)
        {
            try
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, true);
                }
            }
            catch (IOException)
            {
                // The hidden folder stays; it is not part of any set, and the next export makes its own.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        }
    }
}
