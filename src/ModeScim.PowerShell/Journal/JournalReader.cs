using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>Reads a journal back. A line that is not a whole record (a crash mid-write) is reported,
    /// never fatal: every record around it is still returned.</summary>
    internal static class JournalReader
    {
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
            return Parse(content);
        }

        private static IEnumerable<JournalLine> Parse(string content)
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
                    yield return Parse(text, number);
                }
            }
        }

        private static JournalLine Parse(string text, int number)
        {
            try
            {
                var entry = JsonSerializer.Deserialize<JournalEntry>(text, JournalJson.Options);
                if (entry == null || string.IsNullOrEmpty(entry.UserId) || string.IsNullOrEmpty(entry.Action))
                {
                    return JournalLine.Broken(number, "it lacks an action or a user id");
                }
                entry.Time = DateTime.SpecifyKind(entry.Time.ToUniversalTime(), DateTimeKind.Utc);
                return JournalLine.Whole(number, entry);
            }
            catch (JsonException ex)
            {
                return JournalLine.Broken(number, ex.Message);
            }
        }
    }

    internal sealed class JournalLine
    {
        private JournalLine(int number, JournalEntry? entry, string? problem)
        {
            Number = number;
            Entry = entry;
            Problem = problem;
        }

        public int Number { get; }

        public JournalEntry? Entry { get; }

        public string? Problem { get; }

        public static JournalLine Whole(int number, JournalEntry entry) => new JournalLine(number, entry, null);

        public static JournalLine Broken(int number, string problem) => new JournalLine(number, null, problem);
    }
}
