using System;
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

        // Records are read back from the end a block at a time; a block grows to hold a line longer than it.
        private const int TailBlock = 4096;

        public static void Append(string path, JournalEntry entry)
        {
            AppendAll(path, new[] { entry });
        }

        /// <summary>Several records in one exclusive append and one flush: all of them are on disk, or the
        /// call fails and none of the changes they describe may be made. Each entry is given its sequence number in
        /// the file (<see cref="JournalEntry.Seq"/>), counted on from the file's last one while the file is held.</summary>
        public static void AppendAll(string path, IReadOnlyCollection<JournalEntry> entries)
        {
            if (entries.Count == 0)
            {
                return;
            }
            JournalFile.EnsureDirectory(path);
            using (var stream = JournalFile.OpenForAppend(path))
            {
                var next = LastSequence(stream) + 1;
                var text = new StringBuilder();
                // A crash may have left a half-written last line: start on a fresh one so these records stay whole.
                if (EndsWithoutNewline(stream))
                {
                    text.Append('\n');
                }
                foreach (var entry in entries)
                {
                    entry.Seq = next++;
                    text.Append(JsonSerializer.Serialize(entry, JournalJson.Options)).Append('\n');
                }
                var bytes = Utf8NoBom.GetBytes(text.ToString());
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

        /// <summary>The sequence number of the last record in the file that has one, or 0. Read backwards from the end, so
        /// an append costs the last line or two, not the file; a line cut short by a crash, and records of older versions
        /// (which have no number), are passed over.</summary>
        internal static long LastSequence(FileStream stream)
        {
            var position = stream.Length;
            var carried = Array.Empty<byte>();
            while (position > 0)
            {
                var size = (int)Math.Min(position, Math.Max(TailBlock, carried.Length));
                position -= size;
                var block = new byte[size + carried.Length];
                stream.Seek(position, SeekOrigin.Begin);
                ReadExactly(stream, block, size);
                Buffer.BlockCopy(carried, 0, block, size, carried.Length);
                var lineEnd = block.Length;
                for (var i = block.Length - 1; i >= 0; i--)
                {
                    if (block[i] != '\n')
                    {
                        continue;
                    }
                    var found = SequenceIn(block, i + 1, lineEnd - i - 1);
                    if (found.HasValue)
                    {
                        return found.Value;
                    }
                    lineEnd = i;
                }
                if (position == 0)
                {
                    return SequenceIn(block, 0, lineEnd) ?? 0;
                }
                // The block's first line may begin in the block before it.
                carried = new byte[lineEnd];
                Buffer.BlockCopy(block, 0, carried, 0, lineEnd);
            }
            return 0;
        }

        private static long? SequenceIn(byte[] bytes, int offset, int count)
        {
            // A file written by another tool may start with a byte order mark.
            if (offset == 0 && count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            {
                offset = 3;
                count -= 3;
            }
            if (count == 0)
            {
                return null;
            }
            try
            {
                return JsonSerializer.Deserialize<SequenceOnly>(new ReadOnlySpan<byte>(bytes, offset, count), JournalJson.Options)?.Seq;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static void ReadExactly(Stream stream, byte[] buffer, int count)
        {
            var read = 0;
            while (read < count)
            {
                var got = stream.Read(buffer, read, count - read);
                if (got == 0)
                {
                    throw new EndOfStreamException("The journal file ended while its last records were read.");
                }
                read += got;
            }
        }

        private sealed class SequenceOnly
        {
            [System.Text.Json.Serialization.JsonPropertyName("seq")]
            public long? Seq { get; set; }
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
