using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>The limits, specs, validation and journal index the cmdlets rely on, tested without PowerShell.</summary>
    public class GuardsAndInputTests
    {
        [Theory]
        [InlineData("5%", 200, 10)]
        [InlineData("5%", 19, 0)]
        [InlineData(" 25 ", 10, 25)]
        [InlineData("0", 1000, 0)]
        [InlineData("100%", 7, 7)]
        [InlineData("12.5%", 80, 10)]
        public void A_limit_is_a_count_or_a_share_rounded_down(string text, int whole, int maximum)
        {
            Assert.True(GuardLimit.TryParse(text, out var limit, out _));
            Assert.Equal(maximum, limit.Maximum(whole));
        }

        [Theory]
        [InlineData("-1")]
        [InlineData("101%")]
        [InlineData("five")]
        [InlineData("")]
        [InlineData("5 %%")]
        public void A_limit_that_is_neither_is_refused_naming_the_parameter_and_value(string text)
        {
            Assert.False(GuardLimit.TryParse(text, "MaxUnresolved", out _, out var problem));
            Assert.Contains("-MaxUnresolved", problem);
            Assert.Contains("'" + text + "'", problem);
        }

        [Fact]
        public void A_spec_is_trimmed_takes_its_email_from_a_userName_that_is_one_and_names_every_problem()
        {
            var good = new UserSpec(" ada@example.com ", null, " Ada ", "Lovelace", null, null);
            var bad = new UserSpec("not an address", null, null, null, null, "x\u202Ey");

            Assert.Equal("ada@example.com", good.UserName);
            Assert.Equal("ada@example.com", good.Email);
            Assert.Equal("Ada Lovelace", good.EffectiveDisplayName);
            Assert.True(good.IsValid);
            Assert.False(bad.IsValid);
            Assert.Contains(bad.Problems, p => p.StartsWith("Email is required", StringComparison.Ordinal));
            Assert.Contains(bad.Problems, p => p.Contains("bidirectional"));
        }

        [Fact]
        public void A_sparse_spec_never_clears_what_it_leaves_out()
        {
            var current = new ScimUser
            {
                UserName = "ada@example.com",
                DisplayName = "Ada",
                ExternalId = "E1",
                Name = new ScimName { GivenName = "Ada" },
                Emails = new() { new ScimMultiValue { Value = "ada@example.com", Primary = true } },
            };

            var change = new UserSpec("ada@example.com", null, null, null, null, null)
                .DifferencesFrom(current, compareUserName: false, compareExternalId: true);

            Assert.True(change.IsEmpty);
        }

        [Fact]
        public void The_email_is_compared_without_case_and_the_externalId_only_when_it_is_not_the_key()
        {
            var current = new ScimUser
            {
                UserName = "ada@example.com",
                ExternalId = "E1",
                Emails = new() { new ScimMultiValue { Value = "ADA@example.com", Primary = true } },
            };
            var spec = new UserSpec("ada@example.com", "ada@example.com", null, null, null, "E2");

            Assert.Equal(new[] { "ExternalId" }, spec.DifferencesFrom(current, false, compareExternalId: true).ChangedAttributes);
            Assert.True(spec.DifferencesFrom(current, false, compareExternalId: false).IsEmpty);
        }

        [Theory]
        [InlineData(null, "must not be empty")]
        [InlineData("   ", "must not be empty")]
        [InlineData("a\u0007b", "control characters")]
        [InlineData("ad\u202Ea", "bidirectional")]
        [InlineData("ada\u200B@example.com", "invisible")]
        [InlineData("ada\u00AD@example.com", "invisible")]
        public void An_identity_that_cannot_name_anyone_is_refused_before_any_request(string? text, string why)
        {
            Assert.Contains(why, InputValidation.ProblemWithIdentity(text));
        }

        [Fact]
        public void An_identity_of_ordinary_text_passes_and_an_overlong_one_is_refused_with_its_length()
        {
            Assert.Null(InputValidation.ProblemWithIdentity("ada@example.com"));
            Assert.Contains("1025 characters", InputValidation.ProblemWithIdentity(new string('a', 1025)));
        }

        [Fact]
        public void The_journal_index_keeps_each_users_latest_disable_in_this_workspace_and_the_broken_lines()
        {
            var path = Path.Combine(Path.GetTempPath(), "modescim-index-" + Guid.NewGuid().ToString("N") + ".jsonl");
            try
            {
                File.WriteAllLines(path, new[]
                {
                    Line("Disable", "u1", "https://a.example/scim/v2", "G-old"),
                    Line("Disable", "u1", "https://a.example/scim/v2/", "G-new"),
                    Line("Disable", "u2", "https://other.example/scim/v2", "G-other"),
                    Line("Enable", "u3", "https://a.example/scim/v2", "G-e"),
                    "{\"time\":\"2026-01-01T00:00:00Z\",\"act",
                });

                var index = JournalIndex.Load(path, new Uri("https://A.example/scim/v2"));

                Assert.Equal("G-new", index.RestoreSourceFor("u1")!.Line.Entry!.Groups.Single().Id);
                Assert.Null(index.RestoreSourceFor("u1")!.PassedOver);
                Assert.Null(index.RestoreSourceFor("u2"));
                Assert.Null(index.RestoreSourceFor("u3"));
                Assert.Single(index.BrokenLines);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Theory]
        [InlineData("none", "G-first", 2)]
        [InlineData("unknown", "G-first", 2)]
        [InlineData("enabled-between", "", 0)]
        [InlineData("named", "G-second", 0)]
        public void A_disable_that_names_no_groups_never_hides_an_earlier_one_unless_an_enable_came_between(
            string second, string restoredGroup, int passedOverLine)
        {
            var lines = new List<string> { Line("Disable", "u1", "https://a.example/scim/v2", "G-first") };
            if (second == "enabled-between")
            {
                lines.Add(Line("Enable", "u1", "https://a.example/scim/v2", "G-first"));
            }
            lines.Add(second switch
            {
                "named" => Line("Disable", "u1", "https://a.example/scim/v2", "G-second"),
                "unknown" => LineWithoutGroups("u1", groupsKnown: false),
                _ => LineWithoutGroups("u1", groupsKnown: null),
            });
            var path = Path.Combine(Path.GetTempPath(), "modescim-index-" + Guid.NewGuid().ToString("N") + ".jsonl");
            try
            {
                File.WriteAllLines(path, lines);

                var source = JournalIndex.Load(path, new Uri("https://a.example/scim/v2")).RestoreSourceFor("u1")!;

                Assert.Equal(restoredGroup, string.Concat(source.Line.Entry!.Groups.Select(g => g.Id)));
                Assert.Equal(passedOverLine, source.PassedOver?.Number ?? 0);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void A_missing_journal_is_an_empty_index()
        {
            var index = JournalIndex.Load(Path.Combine(Path.GetTempPath(), "absent-" + Guid.NewGuid().ToString("N") + ".jsonl"),
                new Uri("https://a.example/"));
            Assert.Null(index.RestoreSourceFor("u1"));
            Assert.Empty(index.BrokenLines);
        }

        private static string LineWithoutGroups(string userId, bool? groupsKnown)
        {
            return "{\"time\":\"2026-01-02T00:00:00Z\",\"action\":\"Disable\",\"userId\":\"" + userId + "\",\"userName\":\"" + userId
                + "@example.com\",\"groups\":[]" + (groupsKnown == false ? ",\"groupsKnown\":false" : string.Empty)
                + ",\"baseUri\":\"https://a.example/scim/v2\"}";
        }

        private static string Line(string action, string userId, string baseUri, string groupId)
        {
            return "{\"time\":\"2026-01-01T00:00:00Z\",\"action\":\"" + action + "\",\"userId\":\"" + userId + "\",\"userName\":\"" + userId
                + "@example.com\",\"groups\":[{\"id\":\"" + groupId + "\",\"displayName\":\"" + groupId + "\"}],\"baseUri\":\""
                    + baseUri + "\"}";
        }
    }
}
