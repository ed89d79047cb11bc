using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModeScim.PowerShell.Journal;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>The order in which records of several machines, whose clocks disagree, are read from one journal folder:
    /// each file's own order, the 'after' links between files, and the clocks only where nothing else orders two records.</summary>
    public sealed class JournalOrderTests : IDisposable
    {
        private static readonly Uri Workspace = new Uri("https://a.example/scim/v2");
        private static readonly DateTime Ten = new DateTime(2026, 11, 29, 10, 0, 0, DateTimeKind.Utc);

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "modescim-order-" + Guid.NewGuid().ToString("N"));

        public JournalOrderTests()
        {
            Directory.CreateDirectory(_folder);
        }

        public void Dispose()
        {
            Directory.Delete(_folder, recursive: true);
        }

        private static JournalEntry Record(string action, DateTime time, long? seq, string[] groups, params (string File, long Seq)[] after)
        {
            return new JournalEntry
            {
                Time = time,
                Action = action,
                UserId = "u1",
                UserName = "ann@example.com",
                Groups = groups.Select(g => new JournalGroup { Id = g, DisplayName = g }).ToList(),
                Host = "host",
                BaseUri = Workspace.AbsoluteUri,
                Seq = seq,
                After = after.Length == 0 ? null : after.Select(a => new JournalReference { File = a.File, Seq = a.Seq }).ToList(),
            };
        }

        private static JournalEntry Disable(DateTime time, long? seq, string[] groups, params (string File, long Seq)[] after) =>
            Record(JournalActions.Disable, time, seq, groups, after);

        private static JournalEntry Enable(DateTime time, long? seq, params (string File, long Seq)[] after) =>
            Record(JournalActions.Enable, time, seq, Array.Empty<string>(), after);

        private static string[] Groups(params string[] ids) => ids;

        // Lines exactly as given, sequence numbers and links included, as each machine's module wrote them.
        private string Write(string file, params JournalEntry[] entries)
        {
            var path = Path.Combine(_folder, file);
            File.AppendAllText(path, string.Concat(entries.Select(e => JsonSerializer.Serialize(e) + "\n")));
            return path;
        }

        [Fact]
        public void A_journal_folder_is_read_in_the_order_the_links_give_and_a_loop_of_links_loses_no_record()
        {
            Write("a.jsonl", Disable(Ten, 1, Groups("a1")), Disable(Ten.AddMinutes(1), 2, Groups("a2"), ("b.jsonl", 1)));
            Write("b.jsonl", Disable(Ten.AddMinutes(-30), 1, Groups("b1"), ("a.jsonl", 1)),
                Disable(Ten.AddMinutes(-29), 2, Groups("b2"), ("a.jsonl", 2)));
            // A hand-edited file whose records name each other.
            Write("c.jsonl", Disable(Ten.AddHours(1), 1, Groups("c1"), ("d.jsonl", 1)));
            Write("d.jsonl", Disable(Ten.AddHours(2), 1, Groups("d1"), ("c.jsonl", 1)));

            var order = JournalReader.ReadAll(_folder).Select(l => l.Entry!.Groups.Single().Id).ToList();

            Assert.Equal(new[] { "a1", "b1", "a2", "b2", "c1", "d1" }, order);
        }

        [Fact]
        public void The_new_fields_are_written_only_when_set_and_read_back()
        {
            var path = Path.Combine(_folder, "j.jsonl");
            var entry = Enable(Ten, null, ("a.jsonl", 3));
            entry.After!.Add(new JournalReference { File = "old.jsonl", Line = 12 });

            JournalWriter.Append(path, entry);

            var text = File.ReadAllText(path);
            Assert.Contains("\"seq\":1,", text);
            Assert.Contains("\"after\":[{\"file\":\"a.jsonl\",\"seq\":3},{\"file\":\"old.jsonl\",\"line\":12}]", text);
            var read = JournalReader.ReadAll(path).Single().Entry!;
            Assert.Equal(new[] { "a.jsonl seq 3", "old.jsonl line 12" }, read.After!.Select(r => r.ToString()));
            var record = JournalMapper.ToRecord(read, path, 1);
            Assert.Equal((1L, "a.jsonl seq 3; old.jsonl line 12"), (record.Sequence!.Value, record.After.ToString()));
            Assert.Empty(JournalMapper.ToRecord(Disable(Ten, null, Groups()), path, 1).After);
        }
    }
}
