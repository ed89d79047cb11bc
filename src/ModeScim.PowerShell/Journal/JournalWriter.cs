using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>Appends journal lines so that each is on disk before the change it records is made. The file is
    /// held exclusively for each append, so jobs sharing a journal never lose or tear each other's lines.</summary>
    internal static class JournalWriter
    {
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(false);

        public static void Append(string path, JournalEntry entry)
        {
            AppendAll(path, new[] { entry });
        }

        /// <summary>Several records in one exclusive append and one flush: all of them are on disk, or the
        /// call fails and none of the changes they describe may be made.</summary>
        public static void AppendAll(string path, IReadOnlyCollection<JournalEntry> entries)
        {
            if (entries.Count == 0)
            {
                return;
            }
            JournalFile.EnsureDirectory(path);
            var text = new StringBuilder();
            foreach (var entry in entries)
            {
                text.Append(JsonSerializer.Serialize(entry, JournalJson.Options)).Append('\n');
            }
            using (var stream = JournalFile.OpenForAppend(path))
            {
                // A crash may have left a half-written last line: start on a fresh one so these records stay whole.
                var prefix = EndsWithoutNewline(stream) ? "\n" : string.Empty;
                var bytes = Utf8NoBom.GetBytes(prefix + text);
                stream.Seek(0, SeekOrigin.End);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(true);
            }
        }

        private static bool EndsWithoutNewline(FileStream stream)
        {
            if (stream.Length == 0)
            {
                return false;
            }
            stream.Seek(-1, SeekOrigin.End);
            return stream.ReadByte() != '\n';
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
