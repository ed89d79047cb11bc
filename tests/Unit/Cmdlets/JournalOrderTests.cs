using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModeScim.PowerShell.Journal;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>Which record of a user came last when several machines, whose clocks disagree, write one journal folder:
    /// each file's own order, the 'after' links between files, and the clocks only where nothing else orders two records,
    /// with a signal whenever the restore depended on the clocks.</summary>
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

        private RestoreSource Source() => JournalIndex.Load(_folder, Workspace).RestoreSourceFor("u1")!;

        private static string RestoredGroups(RestoreSource source) => string.Join(",", source.Line.Entry!.Groups.Select(g => g.Id));

        [Fact]
        public void Across_two_files_the_record_that_follows_the_other_is_last_though_its_clock_is_behind()
        {
            // A disables Ann at 10:00. B, 10 minutes behind, read A's record, enabled her (09:52 by its clock) and, after she
            // joined G3, disabled her again (09:55).
            Write("a.jsonl", Disable(Ten, 1, Groups("G1", "G2")));
            Write("b.jsonl", Enable(Ten.AddMinutes(-8), 1, ("a.jsonl", 1)),
                Disable(Ten.AddMinutes(-5), 2, Groups("G1", "G2", "G3"), ("b.jsonl", 1)));

            var source = Source();

            Assert.Equal("G1,G2,G3", RestoredGroups(source));
            Assert.EndsWith("b.jsonl", source.Line.Path);
            Assert.Null(source.ByClock);
            Assert.Null(source.PassedOver);
        }

        [Fact]
        public void An_enable_between_machines_with_skewed_clocks_keeps_a_later_leaving_that_named_no_groups()
        {
            // C enabled Ann after A's Disable; B then found her in no group. By the clocks B's Disable is the oldest record,
            // which would bring back A's groups; by the links it is the last, after an Enable: nothing to restore.
            Write("a.jsonl", Disable(Ten, 1, Groups("G1")));
            Write("c.jsonl", Enable(Ten.AddMinutes(2), 1, ("a.jsonl", 1)));
            Write("b.jsonl", Disable(Ten.AddMinutes(-20), 1, Groups(), ("c.jsonl", 1)));

            var source = Source();

            Assert.Equal(string.Empty, RestoredGroups(source));
            Assert.EndsWith("b.jsonl", source.Line.Path);
            Assert.Null(source.ByClock);
        }

        [Fact]
        public void Within_a_file_the_order_of_its_records_wins_over_their_times()
        {
            // The machine's clock was set back between the two appends; another user's record sits between them by time.
            Write("a.jsonl", Disable(Ten, 1, Groups("G-first")), Disable(Ten.AddHours(-1), 2, Groups("G-second")));
            var other = Disable(Ten.AddMinutes(-30), 1, Groups("G-other"));
            other.UserId = "u2";
            Write("b.jsonl", other);

            var source = Source();
            var read = JournalReader.ReadAll(_folder).Select(l => l.Entry!.Groups.Single().Id).ToList();

            Assert.Equal("G-second", RestoredGroups(source));
            Assert.Null(source.ByClock);
            Assert.Equal(new[] { "G-other", "G-first", "G-second" }, read);
        }

        [Theory]
        [InlineData(1, "G-b")]
        [InlineData(-1, "G-a")]
        public void Records_of_older_versions_without_numbers_or_links_are_ordered_by_time_and_the_restore_says_so(int hours,
            string restored)
        {
            Write("a.jsonl", Disable(Ten, null, Groups("G-a")));
            Write("b.jsonl", Disable(Ten.AddHours(hours), null, Groups("G-b")));

            var source = Source();

            Assert.Equal(restored, RestoredGroups(source));
            Assert.NotNull(source.ByClock);
            Assert.Equal(restored, string.Concat(source.ByClock!.Later.Line!.Entry!.Groups.Select(g => g.Id)));
            Assert.NotEqual(source.ByClock.Later.Path, source.ByClock.Earlier.Path);
        }

        [Fact]
        public void A_record_of_an_older_version_is_named_by_its_line_and_that_link_orders_it()
        {
            Write("a.jsonl", Enable(Ten.AddHours(-1), null), Disable(Ten, null, Groups("G-old")));
            var latest = JournalIndex.Load(_folder, Workspace).LatestOf("u1");
            Assert.Equal("a.jsonl line 2", Assert.Single(latest).ToString());

            var later = Disable(Ten.AddHours(-2), 1, Groups("G-new"));
            later.After = latest.ToList();
            Write("b.jsonl", later);

            var source = Source();
            Assert.Equal("G-new", RestoredGroups(source));
            Assert.Null(source.ByClock);
        }

        [Fact]
        public void Creates_updates_and_member_changes_neither_hide_a_leaving_nor_become_the_latest_record()
        {
            var update = Record(JournalActions.Update, Ten.AddMinutes(2), 3, Array.Empty<string>());
            update.Changes = new() { new JournalAttributeChange { Attribute = "email", Old = "ann@example.com", New = "a@example.com" } };
            var create = Record(JournalActions.Create, Ten.AddMinutes(-1), 1, Array.Empty<string>());
            create.UserId = string.Empty;
            Write("a.jsonl", create, Disable(Ten, 2, Groups("G1")), update,
                Record(JournalActions.GroupRemove, Ten.AddMinutes(3), 4, Groups("G1")));

            var index = JournalIndex.Load(_folder, Workspace);

            Assert.Equal("G1", RestoredGroups(index.RestoreSourceFor("u1")!));
            Assert.Equal("a.jsonl seq 2", Assert.Single(index.LatestOf("u1")).ToString());
            Assert.Null(index.RestoreSourceFor(string.Empty));
            Assert.Empty(index.BrokenLines);
        }

        [Fact]
        public void Two_unlinked_leavings_that_name_groups_are_reported_with_the_one_the_clocks_put_last()
        {
            Write("a.jsonl", Disable(Ten, 1, Groups("G-a")));
            Write("b.jsonl", Disable(Ten.AddMinutes(-5), 1, Groups("G-b")));

            var source = Source();

            Assert.Equal("G-a", RestoredGroups(source));
            Assert.EndsWith("a.jsonl", source.ByClock!.Later.Path);
            Assert.EndsWith("b.jsonl", source.ByClock.Earlier.Path);
            Assert.Equal((Ten, Ten.AddMinutes(-5)), (source.ByClock.Later.Time, source.ByClock.Earlier.Time));
        }

        [Fact]
        public void One_file_never_needs_the_clocks()
        {
            Write("a.jsonl", Disable(Ten, 1, Groups("G1")), Enable(Ten.AddHours(-2), 2), Disable(Ten.AddHours(-1), 3, Groups()));

            var source = Source();

            Assert.Equal(string.Empty, RestoredGroups(source));
            Assert.Null(source.ByClock);
        }

        [Fact]
        public void An_unlinked_leaving_that_named_no_groups_is_not_reported_when_it_cannot_change_what_is_restored()
        {
            // Two jobs disabled Ann from stale listings; the second found her groups already gone. With no Enable after the
            // first, G-a is restored whichever came last.
            Write("a.jsonl", Disable(Ten, 1, Groups("G-a")));
            Write("b.jsonl", Disable(Ten.AddMinutes(1), 1, Groups()));

            var source = Source();

            Assert.Equal("G-a", RestoredGroups(source));
            Assert.EndsWith("b.jsonl", source.PassedOver!.Path);
            Assert.Null(source.ByClock);
        }

        [Fact]
        public void An_unlinked_enable_is_reported_when_it_decides_whether_a_leaving_that_named_no_groups_is_passed_over()
        {
            // Whether B's Enable came before A's second Disable decides between G-a and nothing; only B's clock says it did.
            Write("a.jsonl", Disable(Ten, 1, Groups("G-a")), Disable(Ten.AddMinutes(10), 2, Groups()));
            Write("b.jsonl", Enable(Ten.AddMinutes(5), 1, ("a.jsonl", 1)));

            var source = Source();

            Assert.Equal(string.Empty, RestoredGroups(source));
            Assert.Equal((true, false), (source.ByClock!.Later.IsDisable, source.ByClock.Earlier.IsDisable));
            Assert.EndsWith("b.jsonl", source.ByClock.Earlier.Path);
        }

        [Fact]
        public void A_linked_enable_between_is_not_reported()
        {
            Write("a.jsonl", Disable(Ten, 1, Groups("G-a")));
            Write("b.jsonl", Enable(Ten.AddMinutes(-30), 1, ("a.jsonl", 1)));
            Write("c.jsonl", Disable(Ten.AddMinutes(-40), 1, Groups(), ("b.jsonl", 1)));

            var source = Source();

            Assert.Equal(string.Empty, RestoredGroups(source));
            Assert.Null(source.ByClock);
        }

        [Fact]
        public void An_unlinked_enable_after_the_only_leaving_changes_nothing_and_is_not_reported()
        {
            Write("a.jsonl", Disable(Ten, 1, Groups("G-a")));
            Write("b.jsonl", Enable(Ten.AddMinutes(-5), 1));

            var source = Source();

            Assert.Equal("G-a", RestoredGroups(source));
            Assert.Null(source.ByClock);
        }

        [Fact]
        public void A_leaving_whose_groups_are_unknown_never_reads_as_none_across_files()
        {
            // B's job could not read Ann's groups (-AllowUnknownGroups) after A's record: A's groups are still the ones to restore.
            Write("a.jsonl", Disable(Ten, 1, Groups("G-a")));
            var unknown = Disable(Ten.AddMinutes(-5), 1, Groups(), ("a.jsonl", 1));
            unknown.GroupsKnown = false;
            Write("b.jsonl", unknown);

            var source = Source();

            Assert.Equal("G-a", RestoredGroups(source));
            Assert.EndsWith("b.jsonl", source.PassedOver!.Path);
            Assert.Null(source.ByClock);
        }

        [Fact]
        public void A_new_record_follows_every_latest_record_of_its_user_and_then_is_the_latest()
        {
            Write("a.jsonl", Disable(Ten, 1, Groups("G-a")), Enable(Ten.AddMinutes(1), 2));
            Write("b.jsonl", Disable(Ten.AddMinutes(-5), 7, Groups("G-b")));
            var index = JournalIndex.Load(_folder, Workspace);

            Assert.Equal(new[] { "b.jsonl seq 7", "a.jsonl seq 2" }, index.LatestOf("u1").Select(r => r.ToString()));
            Assert.Empty(index.LatestOf("u2"));

            var appended = Enable(Ten, 3);
            index.Appended(Path.Combine(_folder, "a.jsonl"), appended);
            Assert.Equal("a.jsonl seq 3", Assert.Single(index.LatestOf("u1")).ToString());
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
