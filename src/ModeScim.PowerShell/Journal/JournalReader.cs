using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>Reads a journal back. A line that is not a whole record (a crash mid-write) is reported,
    /// never fatal: every record around it is still returned.</summary>
    internal static class JournalReader
    {
        /// <summary>A journal file, or a journal folder read as one journal: every *.jsonl in it, merged in the order
        /// the records were written as far as the journal can tell (<see cref="JournalOrder"/>: each file's lines in their
        /// order, a record after those it names in 'after', the clocks only between records that neither link orders).
        /// Hosted build agents start empty, so a pipeline keeps its journal as a folder in a durable store: each run adds
        /// a file, and this reads them all.</summary>
        public static IEnumerable<JournalLine> ReadAll(string path)
        {
            if (!Directory.Exists(path))
            {
                return Read(path);
            }
            var lines = ReadEach(path).ToList();
            // A broken line has no time and links nothing: it stays after the record read before it in its file, so warnings
            // still say where it is.
            var places = new List<JournalPlace>(lines.Count);
            var lastTime = DateTime.MinValue;
            for (var i = 0; i < lines.Count; i++)
            {
                var entry = lines[i].Entry;
                if (i == 0 || lines[i].Path != lines[i - 1].Path)
                {
                    lastTime = DateTime.MinValue;
                }
                lastTime = entry?.Time ?? lastTime;
                places.Add(new JournalPlace(lines[i].Path, lines[i].Number, entry?.Seq, lastTime, entry?.After));
            }
            return JournalOrder.Of(places).Sequence.Select(i => lines[i]).ToList();
        }

        /// <summary>Every line of a journal file, or of each file of a journal folder in turn (by name), each file's in its
        /// order, read one file at a time.</summary>
        public static IEnumerable<JournalLine> ReadEach(string path)
        {
            if (!Directory.Exists(path))
            {
                return Read(path);
            }
            return Directory.GetFiles(path, "*.jsonl").OrderBy(file => file, StringComparer.Ordinal).SelectMany(Read);
        }

        /// <summary>True when the path names a journal that exists: a file, or a folder (even an empty one).</summary>
        public static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

        /// <summary>The file is read whole and closed before the first record is returned: a slow consumer of the
        /// records must not keep the file open, which would hold off other jobs' appends.</summary>
        public static IEnumerable<JournalLine> Read(string path)
        {
            string content;
            using (var stream = JournalFile.OpenForRead(path))
            using (var reader = new StreamReader(stream, new UTF8Encoding(false)))
            {
                content = reader.ReadToEnd();
            }
            return Parse(content, path);
        }

        private static IEnumerable<JournalLine> Parse(string content, string path)
        {
            using (var reader = new StringReader(content))
            {
                var number = 0;
                string? text;
                while ((text = reader.ReadLine()) != null)
                {
                    number++;
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        continue;
                    }
                    yield return Parse(text, number, path);
                }
            }
        }

        private static JournalLine Parse(string text, int number, string path)
        {
            try
            {
                var entry = JsonSerializer.Deserialize<JournalEntry>(text, JournalJson.Options);
                if (entry == null || string.IsNullOrEmpty(entry.Action) || (string.IsNullOrEmpty(entry.UserId) && !MayLackUserId(entry)))
                {
                    return JournalLine.Broken(path, number, "it lacks an action or a user id");
                }
                entry.Time = DateTime.SpecifyKind(entry.Time.ToUniversalTime(), DateTimeKind.Utc);
                return JournalLine.Whole(path, number, entry);
            }
            catch (JsonException ex)
            {
                return JournalLine.Broken(path, number, ex.Message);
            }
        }

        /// <summary>A Create is written before the server gives the user its id, and a PlanApply names a plan, no user:
        /// every other record names the id of the user it changed.</summary>
        private static bool MayLackUserId(JournalEntry entry) =>
            entry.Action == JournalActions.Create || entry.Action == JournalActions.PlanApply;
    }

    internal sealed class JournalLine
    {
        private JournalLine(string path, int number, JournalEntry? entry, string? problem)
        {
            Path = path;
            Number = number;
            Entry = entry;
            Problem = problem;
        }

        /// <summary>The file the line is in (one of several in a journal folder).</summary>
        public string Path { get; }

        public int Number { get; }

        public JournalEntry? Entry { get; }

        public string? Problem { get; }

        public static JournalLine Whole(string path, int number, JournalEntry entry) => new JournalLine(path, number, entry, null);

        public static JournalLine Broken(string path, int number, string problem) => new JournalLine(path, number, null, problem);
    }
}
