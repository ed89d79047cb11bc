using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Evidence
{
    /// <summary>manifest.json: what the set holds and how to check it. Written last, so its presence says the set is whole.</summary>
    internal sealed class EvidenceManifest
    {
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        [JsonPropertyName("format")]
        public string Format { get; set; } = "ModeScim evidence 1";

        [JsonPropertyName("generatedAt")]
        public string GeneratedAt { get; set; } = string.Empty;

        [JsonPropertyName("generatedBy")]
        public string GeneratedBy { get; set; } = string.Empty;

        [JsonPropertyName("host")]
        public string Host { get; set; } = string.Empty;

        [JsonPropertyName("moduleVersion")]
        public string ModuleVersion { get; set; } = string.Empty;

        [JsonPropertyName("baseUri")]
        public string BaseUri { get; set; } = string.Empty;

        /// <summary>The period of journal.jsonl, journal.csv and plans.csv: records at or after since, up to until.</summary>
        [JsonPropertyName("since")]
        public string Since { get; set; } = string.Empty;

        [JsonPropertyName("until")]
        public string Until { get; set; } = string.Empty;

        [JsonPropertyName("journal")]
        public string Journal { get; set; } = string.Empty;

        [JsonPropertyName("counts")]
        public Dictionary<string, int> Counts { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);

        /// <summary>Journal lines that are not whole records (a crash mid-write): they have no time, so no period; named here
        /// so that nothing leaves the journal unmentioned.</summary>
        [JsonPropertyName("skippedJournalLines")]
        public List<string> SkippedJournalLines { get; set; } = new List<string>();

        [JsonPropertyName("files")]
        public List<EvidenceFileEntry> Files { get; set; } = new List<EvidenceFileEntry>();

        /// <summary>Hashes the folder's data files and writes the manifest beside them.</summary>
        public void Write(string folder)
        {
            Files = EvidenceFolder.DataFiles.Select(name => EvidenceFileEntry.Of(Path.Combine(folder, name))).ToList();
            File.WriteAllText(Path.Combine(folder, EvidenceFolder.Manifest), JsonSerializer.Serialize(this, Json) + "\n",
                new UTF8Encoding(false));
        }

        public static string Time(DateTime utc) => UtcTimestamp.Text(utc);
    }

    internal sealed class EvidenceFileEntry
    {
        [JsonPropertyName("name")]
        public string Name { get; set; } = string.Empty;

        [JsonPropertyName("size")]
        public long Size { get; set; }

        /// <summary>Lower-case hex, as sha256sum prints it (Get-FileHash prints upper case: compare ignoring case).</summary>
        [JsonPropertyName("sha256")]
        public string Sha256 { get; set; } = string.Empty;

        public static EvidenceFileEntry Of(string path)
        {
            using (var stream = File.OpenRead(path))
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(stream);
                return new EvidenceFileEntry
                {
                    Name = Path.GetFileName(path),
                    Size = stream.Length,
                    Sha256 = string.Concat(hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))),
                };
            }
        }
    }
}
