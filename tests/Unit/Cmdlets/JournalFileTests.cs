using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>The journal on disk: what a record holds, that lines are never torn or lost, that a broken line is
    /// reported and never hides its neighbours, where the journal lives, and that it is private and never a link.</summary>
    public sealed class JournalFileTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "modescim-journal-" + Guid.NewGuid().ToString("N"));

        public JournalFileTests()
        {
            Directory.CreateDirectory(_root);
        }

        public void Dispose()
        {
            Directory.Delete(_root, recursive: true);
        }

        private static JournalEntry Entry(string userId, DateTime time, string action = JournalActions.Disable, params string[] groups)
        {
            return new JournalEntry
            {
                Time = time,
                Action = action,
                UserId = userId,
                UserName = userId + "@example.com",
                Groups = groups.Select(g => new JournalGroup { Id = g, DisplayName = "G " + g }).ToList(),
            };
        }

        private static readonly DateTime Noon = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void A_record_is_read_back_with_every_field()
        {
            var path = Path.Combine(_root, "journal.jsonl");
            var entry = Entry("u1", Noon, JournalActions.Remove, "g1", "g2");
            entry.Reason = "leaver";
            entry.Operator = "ops";
            entry.Host = "agent-1";
            entry.BaseUri = "https://x.test/scim/v2/";

            JournalWriter.Append(path, entry);

            var line = Assert.Single(JournalReader.ReadAll(path));
            Assert.Equal((path, 1, (string?)null), (line.Path, line.Number, line.Problem));
            var read = line.Entry!;
            Assert.Equal((Noon, DateTimeKind.Utc, "Remove", "u1", "u1@example.com"), (read.Time, read.Time.Kind, read.Action,
                read.UserId, read.UserName));
            Assert.Equal(new[] { ("g1", "G g1"), ("g2", "G g2") }, read.Groups.Select(g => (g.Id, g.DisplayName!)));
            Assert.Equal(("leaver", "ops", "agent-1", "https://x.test/scim/v2/"), (read.Reason!, read.Operator!, read.Host!,
                read.BaseUri!));
            Assert.Null(read.GroupsKnown);
            Assert.DoesNotContain("groupsKnown", File.ReadAllText(path));
            Assert.EndsWith("}\n", File.ReadAllText(path));
        }

        [Fact]
        public void A_record_whose_groups_were_unreadable_says_so_on_disk()
        {
            var path = Path.Combine(_root, "journal.jsonl");
            var entry = Entry("u1", Noon);
            entry.GroupsKnown = false;

            JournalWriter.Append(path, entry);

            Assert.Contains("\"groupsKnown\":false", File.ReadAllText(path));
            Assert.False(JournalReader.ReadAll(path).Single().Entry!.GroupsKnown);
        }

        [Fact]
        public void Several_records_go_on_disk_in_one_append_and_none_creates_no_file()
        {
            var path = Path.Combine(_root, "sub", "journal.jsonl");

            JournalWriter.AppendAll(path, new List<JournalEntry>());
            Assert.False(File.Exists(path));
            Assert.False(Directory.Exists(Path.GetDirectoryName(path)));

            JournalWriter.AppendAll(path, new[] { Entry("u1", Noon), Entry("u2", Noon) });

            Assert.Equal(new[] { "u1", "u2" }, JournalReader.ReadAll(path).Select(l => l.Entry!.UserId));
            Assert.Equal(2, File.ReadAllText(path).Count(c => c == '\n'));
        }

        [Fact]
        public void A_torn_last_line_is_reported_and_the_next_record_starts_on_a_line_of_its_own()
        {
            var path = Path.Combine(_root, "journal.jsonl");
            JournalWriter.Append(path, Entry("u1", Noon));
            File.AppendAllText(path, "{\"time\":\"2026-11-29T12:00:00Z\",\"action\":\"Dis");

            JournalWriter.Append(path, Entry("u2", Noon));

            var lines = JournalReader.ReadAll(path).ToList();
            Assert.Equal(3, lines.Count);
            Assert.Equal("u1", lines[0].Entry!.UserId);
            Assert.Null(lines[1].Entry);
            Assert.Equal(2, lines[1].Number);
            Assert.False(string.IsNullOrEmpty(lines[1].Problem));
            Assert.Equal(("u2", 3), (lines[2].Entry!.UserId, lines[2].Number));
        }

        [Fact]
        public void Each_append_numbers_its_records_on_from_the_files_last_one_past_a_torn_line_and_older_records()
        {
            var path = Path.Combine(_root, "journal.jsonl");
            // A file another tool started, with a byte order mark, and a record of an older version, without a number.
            File.WriteAllText(path, "\uFEFF{\"time\":\"2026-11-29T12:00:00Z\",\"action\":\"Disable\",\"userId\":\"old\"}\n",
                new UTF8Encoding(false));
            JournalWriter.Append(path, Entry("u1", Noon));
            JournalWriter.AppendAll(path, new[] { Entry("u2", Noon), Entry("u3", Noon) });
            File.AppendAllText(path, "{\"time\":\"2026-11-29T12:00:00Z\",\"action\":\"Disable\",\"userId\":\"older-version\"}\n");
            File.AppendAllText(path, "{\"time\":\"2026-11-29T12:00:00Z\",\"seq\":9");
            var entry = Entry("u4", Noon);

            JournalWriter.Append(path, entry);

            Assert.Equal(4, entry.Seq);
            Assert.Equal(new long?[] { null, 1, 2, 3, null, 4 },
                JournalReader.ReadAll(path).Where(l => l.Entry != null).Select(l => l.Entry!.Seq));
            Assert.Contains(",\"seq\":4}", File.ReadAllText(path));
        }

        [Fact]
        public void A_last_record_longer_than_the_block_read_back_still_gives_its_number()
        {
            var path = Path.Combine(_root, "journal.jsonl");
            var groups = Enumerable.Range(0, 400).Select(i => "group-" + i).ToArray();
            JournalWriter.Append(path, Entry("u1", Noon, JournalActions.Disable, groups));
            Assert.True(new FileInfo(path).Length > 3 * 4096);
            var entry = Entry("u1", Noon, JournalActions.Enable);

            JournalWriter.Append(path, entry);

            Assert.Equal(2, entry.Seq);
        }

        [Fact]
        public async Task Jobs_appending_to_one_file_at_once_never_give_two_records_one_number()
        {
            var path = Path.Combine(_root, "journal.jsonl");

            await Task.WhenAll(Enumerable.Range(0, 4).Select(job => Task.Run(() =>
            {
                for (var i = 0; i < 50; i++)
                {
                    JournalWriter.Append(path, Entry("job" + job + "-" + i, Noon));
                }
            })));

            Assert.Equal(Enumerable.Range(1, 200).Select(n => (long?)n), JournalReader.ReadAll(path).Select(l => l.Entry!.Seq));
        }

        [Fact]
        public void Blank_lines_are_skipped_and_line_numbers_stay_true()
        {
            var path = Path.Combine(_root, "journal.jsonl");
            JournalWriter.Append(path, Entry("u1", Noon));
            File.AppendAllText(path, "\n   \n");
            JournalWriter.Append(path, Entry("u2", Noon));

            var lines = JournalReader.ReadAll(path).ToList();

            Assert.Equal(new[] { 1, 4 }, lines.Select(l => l.Number));
        }

        [Theory]
        [InlineData("{\"time\":\"2026-11-29T12:00:00Z\",\"action\":\"Disable\",\"userId\":\"\"}")]
        [InlineData("{\"time\":\"2026-11-29T12:00:00Z\",\"userId\":\"u1\"}")]
        [InlineData("null")]
        public void A_line_without_an_action_or_a_user_is_broken_not_a_record(string text)
        {
            var path = Path.Combine(_root, "journal.jsonl");
            File.WriteAllText(path, text + "\n");

            var line = JournalReader.ReadAll(path).Single();

            Assert.Null(line.Entry);
            Assert.Equal("it lacks an action or a user id", line.Problem);
        }

        [Fact]
        public void A_local_time_in_a_record_is_read_as_utc()
        {
            var path = Path.Combine(_root, "journal.jsonl");
            File.WriteAllText(path, "{\"time\":\"2026-11-29T14:00:00+02:00\",\"action\":\"Disable\",\"userId\":\"u1\"}\n");

            var entry = JournalReader.ReadAll(path).Single().Entry!;

            Assert.Equal(Noon, entry.Time);
            Assert.Equal(DateTimeKind.Utc, entry.Time.Kind);
        }

        [Fact]
        public void A_journal_folder_is_read_in_record_time_order_with_a_broken_line_after_its_predecessor()
        {
            var folder = Path.Combine(_root, "journal");
            Directory.CreateDirectory(folder);
            JournalWriter.AppendAll(Path.Combine(folder, "a.jsonl"), new[] { Entry("late", Noon.AddHours(2)) });
            File.AppendAllText(Path.Combine(folder, "a.jsonl"), "not json\n");
            JournalWriter.AppendAll(Path.Combine(folder, "b.jsonl"), new[] { Entry("early", Noon), Entry("middle", Noon.AddHours(1)) });
            File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a journal");

            var lines = JournalReader.ReadAll(folder).ToList();

            Assert.Equal(new[] { "early", "middle", "late", null }, lines.Select(l => l.Entry?.UserId));
            Assert.EndsWith("a.jsonl", lines[3].Path);
            Assert.True(JournalReader.Exists(folder));
        }

        [Fact]
        public void An_empty_folder_is_a_journal_without_records_and_a_missing_path_is_none()
        {
            var folder = Path.Combine(_root, "empty");
            Directory.CreateDirectory(folder);

            Assert.True(JournalReader.Exists(folder));
            Assert.Empty(JournalReader.ReadAll(folder));
            Assert.False(JournalReader.Exists(Path.Combine(_root, "missing.jsonl")));
        }

        [Fact]
        public void A_journal_the_module_creates_is_private_to_its_owner_and_an_existing_folder_is_left_alone()
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                return;
            }
            var made = Path.Combine(_root, "made", "journal.jsonl");
            var existing = Path.Combine(_root, "existing");
            Directory.CreateDirectory(existing);
            File.SetUnixFileMode(existing, (UnixFileMode)0x1ED); // 0755

            JournalWriter.Append(made, Entry("u1", Noon));
            JournalWriter.Append(Path.Combine(existing, "journal.jsonl"), Entry("u1", Noon));

            Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(made));
            Assert.Equal((UnixFileMode)0x1C0, File.GetUnixFileMode(Path.GetDirectoryName(made)!));
            Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(existing));
            Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(Path.Combine(existing, "journal.jsonl")));
        }

        [Fact]
        public void A_journal_that_already_exists_keeps_its_permissions()
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                return;
            }
            var path = Path.Combine(_root, "shared.jsonl");
            File.WriteAllText(path, string.Empty);
            File.SetUnixFileMode(path, (UnixFileMode)0x1A4); // 0644, the admin's choice

            JournalWriter.Append(path, Entry("u1", Noon));

            Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(path));
        }

        [Fact]
        public void A_missing_file_cannot_be_made_private()
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                return;
            }
            var missing = Path.Combine(_root, "nope", "journal.jsonl");

            var error = Assert.Throws<IOException>(() => OwnerOnly.RestrictFile(missing));

            Assert.StartsWith("Could not make '" + missing + "' private to its owner (chmod failed with error ", error.Message);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void A_symbolic_link_at_the_journal_path_is_refused_whether_or_not_its_target_exists(bool targetExists)
        {
            var target = Path.Combine(_root, "elsewhere.jsonl");
            if (targetExists)
            {
                File.WriteAllText(target, string.Empty);
            }
            var link = Path.Combine(_root, "journal.jsonl");
            File.CreateSymbolicLink(link, target);

            var error = Assert.Throws<IOException>(() => JournalWriter.Append(link, Entry("u1", Noon)));

            Assert.Equal("The journal path '" + link + "' is a symbolic link; a journal is written only to a plain file.", error.Message);
            Assert.Equal(targetExists, File.Exists(target));
            if (targetExists)
            {
                Assert.Equal(string.Empty, File.ReadAllText(target));
            }
        }

        [Fact]
        public async Task An_append_waits_for_another_jobs_append_instead_of_failing()
        {
            var path = Path.Combine(_root, "journal.jsonl");
            JournalWriter.Append(path, Entry("first", Noon));
            Task second;
            using (var held = JournalFile.OpenForAppend(path))
            {
                second = Task.Run(() => JournalWriter.Append(path, Entry("second", Noon)));
                await Task.Delay(300);
                Assert.False(second.IsCompleted);
                var bytes = Encoding.UTF8.GetBytes("{\"time\":\"2026-11-29T12:00:00Z\",\"action\":\"Disable\",\"userId\":\"held\"}\n");
                held.Seek(0, SeekOrigin.End);
                held.Write(bytes, 0, bytes.Length);
            }
            await second;

            Assert.Equal(new[] { "first", "held", "second" }, JournalReader.ReadAll(path).Select(l => l.Entry!.UserId));
        }

        [Fact]
        public void A_reader_still_consuming_records_does_not_hold_off_the_writers()
        {
            var path = Path.Combine(_root, "journal.jsonl");
            JournalWriter.AppendAll(path, new[] { Entry("u1", Noon), Entry("u2", Noon) });

            using (var records = JournalReader.Read(path).GetEnumerator())
            {
                Assert.True(records.MoveNext());
                JournalWriter.Append(path, Entry("u3", Noon));
                Assert.True(records.MoveNext());
                Assert.False(records.MoveNext());
            }

            Assert.Equal(3, JournalReader.ReadAll(path).Count());
        }

        [Fact]
        public void The_journal_is_the_explicit_path_else_the_environment_else_the_default()
        {
            var previous = Environment.GetEnvironmentVariable(JournalLocation.EnvironmentVariable);
            try
            {
                Environment.SetEnvironmentVariable(JournalLocation.EnvironmentVariable, "from-env.jsonl");
                (string, string) Resolve(string text) => ("/resolved/" + text, "FileSystem");

                Assert.Equal("/resolved/explicit.jsonl", JournalLocation.Resolve("explicit.jsonl", Resolve));
                Assert.Equal("/resolved/from-env.jsonl", JournalLocation.Resolve(" ", Resolve));
                Environment.SetEnvironmentVariable(JournalLocation.EnvironmentVariable, null);
                Assert.Equal(JournalLocation.DefaultPath(), JournalLocation.Resolve(null, Resolve));
                Assert.EndsWith(Path.Combine("ModeScim", "journal.jsonl"), JournalLocation.DefaultPath());
            }
            finally
            {
                Environment.SetEnvironmentVariable(JournalLocation.EnvironmentVariable, previous);
            }
        }

        [Fact]
        public void A_journal_on_another_provider_is_refused_by_name()
        {
            var error = Assert.Throws<ArgumentException>(() => JournalLocation.Resolve("Env:JOURNAL", _ => ("JOURNAL", "Environment")));

            Assert.Equal("The journal must be a file, but 'Env:JOURNAL' is on the Environment provider.", error.Message);
        }

        [Fact]
        public void A_provider_named_in_another_case_is_still_the_file_system()
        {
            Assert.Equal("/x/j.jsonl", JournalLocation.Resolve("j.jsonl", _ => ("/x/j.jsonl", "filesystem")));
        }

        [Fact]
        public void A_journal_folder_gets_one_file_per_day_and_machine_and_a_file_is_itself()
        {
            var folder = Path.Combine(_root, "store");
            Directory.CreateDirectory(folder);
            var machine = new string(Environment.MachineName.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
            var expected = "modescim-20261129-" + machine + ".jsonl";

            Assert.Equal(Path.Combine(folder, expected), JournalLocation.WriteFile(folder, Noon));
            Assert.Equal(Path.Combine(_root, "new/", expected), JournalLocation.WriteFile(Path.Combine(_root, "new/"), Noon));
            Assert.Equal(Path.Combine(_root, "j.jsonl"), JournalLocation.WriteFile(Path.Combine(_root, "j.jsonl"), Noon));
            Assert.Matches("^modescim-20261129-[A-Za-z0-9_-]+\\.jsonl$", expected);
        }

        [Fact]
        public void A_new_record_holds_who_what_where_and_whether_the_groups_were_known()
        {
            var user = new ScimUser { Id = "u1", UserName = "ann@example.com" };
            var groups = new[] { new ModeGroupMembership("g1", "Finance") };
            var before = DateTime.UtcNow;

            var known = JournalMapper.NewEntry(JournalActions.Disable, user, groups, "leaver", new Uri("https://x.test/scim/v2/"));
            var unknown = JournalMapper.NewEntry(JournalActions.Remove, new ScimUser(), Array.Empty<ModeGroupMembership>(), null,
                new Uri("https://x.test/scim/v2/"), groupsKnown: false);

            Assert.InRange(known.Time, before, DateTime.UtcNow);
            Assert.Equal(("Disable", "u1", "ann@example.com", "leaver"), (known.Action, known.UserId, known.UserName, known.Reason!));
            Assert.Equal(new[] { ("g1", "Finance") }, known.Groups.Select(g => (g.Id, g.DisplayName!)));
            Assert.Null(known.GroupsKnown);
            Assert.Equal(Environment.MachineName, known.Host);
            Assert.EndsWith(Environment.UserName, known.Operator);
            Assert.Equal("https://x.test/scim/v2/", known.BaseUri);
            Assert.False(unknown.GroupsKnown);
            Assert.Equal((string.Empty, string.Empty), (unknown.UserId, unknown.UserName));
        }

        [Fact]
        public void A_record_shown_to_the_admin_carries_the_entry_and_where_it_was_read()
        {
            var entry = Entry("u1", Noon, JournalActions.Enable, "g1");
            entry.Reason = "returner";
            entry.Operator = "ops";
            entry.Host = "agent";
            entry.BaseUri = "https://x.test/";
            var unknown = Entry("u2", Noon);
            unknown.GroupsKnown = false;

            var record = JournalMapper.ToRecord(entry, "/j.jsonl", 7);

            Assert.Equal((Noon, "Enable", "u1", "u1@example.com"),
                (record.Time.UtcDateTime, record.Action, record.UserId, record.UserName));
            Assert.Equal("2026-11-29T12:00:00Z", record.Time.ToString());
            Assert.Equal(("g1", "G g1"), (record.Groups.Single().Id, record.Groups.Single().DisplayName));
            Assert.Equal(("returner", "ops", "agent", "https://x.test/"), (record.Reason, record.Operator, record.Host, record.BaseUri));
            Assert.Equal(("/j.jsonl", (int?)7), (record.Path, record.Line));
            Assert.True(record.GroupsKnown);
            Assert.False(JournalMapper.ToRecord(unknown, "/j.jsonl", null).GroupsKnown);
        }
    }
}
