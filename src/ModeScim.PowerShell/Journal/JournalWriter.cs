using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>Appends journal lines so that each is on disk before the change it records is made.
    /// One write per line, in append mode, so jobs sharing a journal do not interleave inside a line.</summary>
    internal static class JournalWriter
    {
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(false);

        public static void Append(string path, JournalEntry entry)
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
            var line = JsonSerializer.Serialize(entry, JournalJson.Options);
            // A crash may have left a half-written last line: start on a fresh one so this record stays whole.
            var prefix = EndsWithoutNewline(path) ? "\n" : string.Empty;
            var bytes = Utf8NoBom.GetBytes(prefix + line + "\n");
            using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.WriteThrough))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(true);
            }
        }

        private static bool EndsWithoutNewline(string path)
        {
            if (!File.Exists(path))
            {
                return false;
            }
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                if (stream.Length == 0)
                {
                    return false;
                }
                stream.Seek(-1, SeekOrigin.End);
                return stream.ReadByte() != '\n';
            }
        }
    }

    internal static class JournalJson
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
    }
}
