using System;
using System.IO;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Plans;
using Xunit;

namespace ModeScim.Tests.Unit.Plans
{
    /// <summary>A plan on disk is read back only whole, of a known schema, and matching the hash it states.</summary>
    public sealed class PlanFileTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "modescim-planfile-" + Guid.NewGuid().ToString("N"));

        public PlanFileTests() => Directory.CreateDirectory(_folder);

        private string PlanPath => Path.Combine(_folder, "plan.json");

        private static PlanDocument Sample() => new PlanDocument
        {
            Id = "p1",
            Kind = PlanDocument.UserSync,
            CreatedAt = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc),
            BaseUri = "https://mode.example.com/scim/v2/",
            Changes =
            {
                new PlanChange
                {
                    Action = PlanChange.Disable,
                    UserId = "u1",
                    UserName = "ava@example.com",
                    Read = new PlanUserState { Id = "u1" },
                },
            },
        };

        [Fact]
        public void A_written_plan_reads_back_with_the_hash_it_states()
        {
            var hash = PlanFile.Write(PlanPath, Sample());

            var (plan, read) = PlanFile.Read(PlanPath);

            Assert.Equal(hash, read);
            Assert.Equal("ava@example.com", Assert.Single(plan.Changes).UserName);
            Assert.Empty(Directory.GetFiles(_folder, "*.tmp-*"));
        }

        [Fact]
        public void A_copy_whose_line_ends_were_converted_is_the_same_plan()
        {
            var hash = PlanFile.Write(PlanPath, Sample());
            File.WriteAllText(PlanPath, File.ReadAllText(PlanPath).Replace("\n", "\r\n"));

            Assert.Equal(hash, PlanFile.Read(PlanPath).Sha256);
        }

        [Fact]
        public void One_changed_character_is_refused_as_tampered()
        {
            PlanFile.Write(PlanPath, Sample());
            File.WriteAllText(PlanPath, File.ReadAllText(PlanPath).Replace("ava@example.com", "eve@example.com"));

            var refusal = Assert.Throws<ModeScimRefusal>(() => PlanFile.Read(PlanPath));

            Assert.Equal(ModeScimErrorIds.PlanTampered, refusal.Error.ErrorId);
        }

        [Theory]
        [InlineData("")]
        [InlineData("{\"sha256\": \"00\"")]
        [InlineData("[1, 2]")]
        [InlineData("{\"plan\": {}}")]
        public void A_file_that_is_not_a_whole_plan_is_refused_as_invalid(string text)
        {
            File.WriteAllText(PlanPath, text);

            var refusal = Assert.Throws<ModeScimRefusal>(() => PlanFile.Read(PlanPath));

            Assert.Equal(ModeScimErrorIds.PlanInvalid, refusal.Error.ErrorId);
        }

        [Fact]
        public void A_plan_of_another_schema_is_refused_even_with_a_matching_hash()
        {
            var plan = Sample();
            plan.Schema = "modescim-plan/2";
            PlanFile.Write(PlanPath, plan);

            var refusal = Assert.Throws<ModeScimRefusal>(() => PlanFile.Read(PlanPath));

            Assert.Equal(ModeScimErrorIds.PlanInvalid, refusal.Error.ErrorId);
            Assert.Contains("modescim-plan/2", refusal.Error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_missing_file_is_refused_as_invalid_naming_it()
        {
            var refusal = Assert.Throws<ModeScimRefusal>(() => PlanFile.Read(PlanPath));

            Assert.Equal(ModeScimErrorIds.PlanInvalid, refusal.Error.ErrorId);
            Assert.Contains(PlanPath, refusal.Error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("##vso[task.setvariable variable=x]1", "\\#\\#vso\\[task.setvariable variable=x\\]1")]
        [InlineData("a|b", "a\\|b")]
        [InlineData("[click](https://evil.example)", "\\[click\\]\\(https://evil.example\\)")]
        [InlineData("line\nbreak", "line break")]
        [InlineData("<img src=x>", "\\<img src=x\\>")]
        public void Summary_text_is_escaped_so_it_can_neither_format_the_page_nor_act_as_a_command(string value, string expected)
        {
            Assert.Equal(expected, PlanSummary.Escape(value));
        }

        [Fact]
        public void The_summary_names_the_hash_the_exceeded_guard_and_each_change()
        {
            var plan = Sample();
            plan.Guards.Add(new PlanGuard
            {
                Name = "MaxDisable",
                Limit = "5%",
                Maximum = 0,
                Planned = 1,
                CountedAgainst = 3,
                Exceeded = true,
            });

            var text = PlanSummary.Render(plan, "abc123", "plan.json");

            Assert.Contains("abc123", text, StringComparison.Ordinal);
            Assert.Contains("EXCEEDED", text, StringComparison.Ordinal);
            Assert.Contains("| 1 | Disable | ava@example.com |", text, StringComparison.Ordinal);
            // The time in the one form every view, CSV and error uses.
            var made = ModeScim.PowerShell.Models.UtcTimestamp.Text(plan.CreatedAt.ToUniversalTime());
            Assert.Contains("- **Made:** " + PlanSummary.Escape(made), text, StringComparison.Ordinal);
            Assert.Matches(@"Made:\*\* \d{4}\\?-\d\d\\?-\d\dT\d\d:\d\d:\d\dZ", text);
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
