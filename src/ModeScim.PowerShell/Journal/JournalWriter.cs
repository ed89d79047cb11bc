using System;
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
            JournalFile.EnsureDirectory(path);
            var line = JsonSerializer.Serialize(entry, JournalJson.Options);
            using (var stream = JournalFile.OpenForAppend(path))
            {
                // A crash may have left a half-written last line: start on a fresh one so this record stays whole.
                var prefix = EndsWithoutNewline(stream) ? "\n" : string.Empty;
                var bytes = Utf8NoBom.GetBytes(prefix + line + "\n");
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
