using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Filtering;
using ModeScim.Client.Lookups;
using ModeScim.Tests.Unit.Emulator;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>Users listed as an admin asked for them: each condition sent as a filter while the server may take it,
    /// matched here once it refuses, with what was refused learned for the next query; the skip and the first left to
    /// the server only where its answer is exactly the users wanted.</summary>
    public class UserQueryTests : EmulatorTestBase
    {
        private static readonly string[] Team = { "ada@example.com", "adam@example.com", "bob@example.com", "o\"b\\c@example.com" };

        private async Task SeedAsync(bool inactiveBob = false)
        {
            foreach (var name in Team)
            {
                // CreateUserAsync writes the name into JSON as it is given.
                var json = name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
                await CreateUserAsync(json, active: !(inactiveBob && name.StartsWith("bob", StringComparison.Ordinal)));
            }
            await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/reset"), null);
        }

        private static ScimUserCondition Like(string pattern)
        {
            var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$", RegexOptions.IgnoreCase);
            return ScimUserCondition.UserNameLike(pattern, pattern.Substring(0, pattern.IndexOf('*')), regex.IsMatch);
        }

        /// <summary>Reads every selection of the query as a caller does: the users handed out, the refusal notes, and the
        /// filters of the requests sent.</summary>
        private static async Task<Read> ReadAllAsync(ScimUserQuery query)
        {
            var read = new Read();
            var records = new RequestRecorder();
            using (ScimClient.Observe(records))
            {
                foreach (var selection in query.Selections)
                {
                    var outcome = new ScimUserQueryOutcome();
                    await foreach (var page in query.ReadAsync(selection, outcome, None))
                    {
                        read.Users.AddRange(page.Users.Select(u => u.UserName!));
                        if (page.NowMatchedHere != null)
                        {
                            read.Notes.Add(page.NowMatchedHere);
                        }
                    }
                    read.Outcomes.Add(outcome);
                }
            }
            read.Filters.AddRange(records.All.Select(r => FilterOf(r.Path)));
            return read;
        }

        private static string FilterOf(string path)
        {
            var query = path.Contains('?') ? path.Substring(path.IndexOf('?') + 1) : string.Empty;
            var filter = query.Split('&').FirstOrDefault(p => p.StartsWith("filter=", StringComparison.Ordinal));
            return filter == null ? "" : Uri.UnescapeDataString(filter.Substring(7).Replace('+', ' '));
        }

        private ScimUserQuery Query(params ScimUserCondition[][] selections)
        {
            return new ScimUserQuery(Client, selections.Select(c => new ScimUserSelection(c)));
        }

        [Fact]
        public async Task An_exact_userName_is_one_eq_request_and_the_server_does_the_paging()
        {
            await StartAsync();
            await SeedAsync();
            var query = Query(new[] { ScimUserCondition.UserNameEquals("ADA@example.com") });
            query.First = 1;

            var read = await ReadAllAsync(query);

            Assert.Equal(new[] { "ada@example.com" }, read.Users);
            Assert.Equal(new[] { "userName eq \"ADA@example.com\"" }, read.Filters);
            Assert.True(read.Outcomes[0].ServerPaged);
            Assert.Equal(1, read.Outcomes[0].Total);
        }

        [Fact]
        public async Task A_pattern_asks_the_server_for_its_literal_start_and_matches_the_rest_here()
        {
            await StartAsync();
            await SeedAsync();

            var read = await ReadAllAsync(Query(new[] { Like("ada*@example.com") }));

            Assert.Equal(new[] { "ada@example.com", "adam@example.com" }, read.Users);
            Assert.Equal(new[] { "userName sw \"ada\"" }, read.Filters);
            Assert.False(read.Outcomes[0].ServerPaged);
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.StartsWithFilter]);
            Assert.Empty(read.Notes);
        }

        [Fact]
        public async Task A_refused_sw_is_learned_matched_on_a_listing_and_not_asked_for_again()
        {
            await StartWithSwitchesAsync("--filters", "eq-and");
            await SeedAsync();

            var first = await ReadAllAsync(Query(new[] { Like("ada*") }));
            var second = await ReadAllAsync(Query(new[] { Like("bo*") }));

            Assert.Equal(new[] { "ada@example.com", "adam@example.com" }, first.Users);
            Assert.Equal(new[] { "userName sw \"ada\"", "" }, first.Filters);
            Assert.Equal(new[] { "userName like 'ada*'" }, first.Notes);
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.StartsWithFilter]);
            Assert.Equal(new[] { "bob@example.com" }, second.Users);
            Assert.Equal(new[] { "" }, second.Filters);
            Assert.Empty(second.Notes);
        }

        private async Task SeedPeopleAsync()
        {
            foreach (var (userName, display, given, family) in new[]
            {
                ("ava.yang@example.com", "Ava Yang", "Ava", "Yang"),
                ("b.okafor@example.com", "Bola Okafor", "Bola", "Okafor"),
                ("c.lind@example.com", "Carl Lindqvist", "Carl", "Lindqvist"),
            })
            {
                var (status, _) = await SendAsync("POST", "Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                    + "\"userName\":\"" + userName + "\",\"displayName\":\"" + display + "\",\"name\":{\"givenName\":\"" + given
                    + "\",\"familyName\":\"" + family + "\"},\"emails\":[{\"value\":\"" + userName + "\",\"primary\":true}]}");
                Assert.Equal(201, status);
            }
            await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/reset"), null);
        }

        [Fact]
        public async Task A_search_is_one_co_request_on_a_full_server_and_the_server_does_the_paging()
        {
            await StartAsync();
            await SeedPeopleAsync();

            var read = await ReadAllAsync(Query(new[] { ScimUserCondition.Search("OKAF") }));

            Assert.Equal(new[] { "b.okafor@example.com" }, read.Users);
            Assert.Single(read.Filters);
            Assert.StartsWith("userName co \"OKAF\" or displayName co \"OKAF\"", read.Filters[0], StringComparison.Ordinal);
            Assert.True(read.Outcomes[0].ServerPaged);
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.ContainsFilter]);
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.OrFilter]);
        }

        [Fact]
        public async Task A_search_refused_by_an_eq_and_server_is_matched_on_a_listing_by_part_of_a_display_name()
        {
            await StartWithSwitchesAsync("--filters", "eq-and");
            await SeedPeopleAsync();

            var read = await ReadAllAsync(Query(new[] { ScimUserCondition.Search("lindq") }));

            Assert.Equal(new[] { "c.lind@example.com" }, read.Users);
            Assert.Equal(2, read.Filters.Count);
            Assert.Equal("", read.Filters[1]);
            Assert.Equal(new[] { "userName, name or email containing 'lindq'" }, read.Notes);
            // Both 'co' and 'or' were new: the refusal could be of either, so neither is learned.
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.ContainsFilter]);
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.OrFilter]);
        }

        [Fact]
        public async Task A_search_refused_where_or_is_known_to_work_learns_co_and_goes_straight_to_the_listing_next_time()
        {
            await StartWithSwitchesAsync("--filters", "eq-and");
            await SeedPeopleAsync();
            Client.Capabilities.Learn(ScimCapability.OrFilter, true);

            var first = await ReadAllAsync(Query(new[] { ScimUserCondition.Search("yang") }));
            var second = await ReadAllAsync(Query(new[] { ScimUserCondition.Search("bola") }));

            Assert.Equal(new[] { "ava.yang@example.com" }, first.Users);
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.ContainsFilter]);
            Assert.Equal(new[] { "b.okafor@example.com" }, second.Users);
            Assert.Equal(new[] { "" }, second.Filters);
        }

        [Fact]
        public async Task Suggestions_are_the_closest_userNames_sharing_the_first_letter_read_in_one_bounded_listing()
        {
            await StartAsync();
            await SeedPeopleAsync();
            await CreateUserAsync("ava.young@example.com");
            await CreateUserAsync("zed@example.com");
            var records = new RequestRecorder();

            IReadOnlyList<string> suggested;
            using (ScimClient.Observe(records))
            {
                suggested = await ScimUserNameSuggester.SuggestAsync(Client, "ava.yng", None);
            }

            Assert.Equal(new[] { "ava.yang@example.com", "ava.young@example.com" }, suggested);
            Assert.Single(records.All);
            Assert.Contains("userName%20sw%20%22a%22", records.All.First().Path, StringComparison.Ordinal);
            Assert.Empty(await ScimUserNameSuggester.SuggestAsync(Client, "*", None));
        }

        [Fact]
        public async Task A_refusal_of_email_and_status_together_learns_neither_and_matches_both_here()
        {
            await StartWithSwitchesAsync("--filters", "eq-and");
            await SeedAsync(inactiveBob: true);
            var bob = new[] { ScimUserCondition.EmailEquals("BOB@example.com"), ScimUserCondition.Status(false) };

            var read = await ReadAllAsync(Query(bob));

            Assert.Equal(new[] { "bob@example.com" }, read.Users);
            Assert.Equal(new[] { "emails.value eq \"BOB@example.com\" and active eq false", "" }, read.Filters);
            Assert.Equal(new[] { "email 'BOB@example.com' and inactive" }, read.Notes);
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.EmailFilter]);
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.ActiveFilter]);
        }

        [Fact]
        public async Task A_refused_status_alone_is_learned_and_emails_are_still_filtered_on_the_server()
        {
            await StartWithSwitchesAsync("--filters", "eq-and", "--filter-attributes", "emails.value");
            await SeedAsync(inactiveBob: true);

            var statusRead = await ReadAllAsync(Query(new[] { ScimUserCondition.Status(true) }));
            var ada = new[] { ScimUserCondition.EmailEquals("ADA@example.com"), ScimUserCondition.Status(true) };
            var emailRead = await ReadAllAsync(Query(ada));

            Assert.Equal(3, statusRead.Users.Count);
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.ActiveFilter]);
            Assert.Equal(new[] { "ada@example.com" }, emailRead.Users);
            Assert.Equal(new[] { "emails.value eq \"ADA@example.com\"" }, emailRead.Filters);
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.EmailFilter]);
        }

        [Fact]
        public async Task A_name_with_escapes_on_a_server_that_refuses_them_is_found_exactly_on_a_listing()
        {
            await StartWithSwitchesAsync("--filter-escapes", "refuse");
            await SeedAsync();

            var read = await ReadAllAsync(Query(new[] { ScimUserCondition.UserNameEquals("O\"B\\C@example.com") }));

            Assert.Equal(new[] { "o\"b\\c@example.com" }, read.Users);
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.FilterEscapes]);
            Assert.Equal(1, read.Outcomes[0].Matched);
        }

        [Fact]
        public async Task The_callers_own_filter_refused_is_a_failure_and_teaches_nothing()
        {
            await StartAsync();
            await SeedAsync();
            var selection = new ScimUserSelection(new[] { Like("ada*") }, ScimFilter.Raw("userName zz \"a\""));
            var query = new ScimUserQuery(Client, new[] { selection });

            var error = await Assert.ThrowsAsync<ScimException>(async () =>
            {
                await foreach (var _ in query.ReadAsync(selection, new ScimUserQueryOutcome(), None))
                {
                }
            });

            Assert.True(error.IsInvalidFilter);
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.StartsWithFilter]);
        }

        [Fact]
        public async Task A_refusal_beside_the_callers_own_filter_is_learned_once_the_filter_alone_goes_through()
        {
            await StartWithSwitchesAsync("--filters", "eq-and");
            await SeedAsync();
            var selection = new ScimUserSelection(new[] { Like("ad*") }, ScimFilter.Raw("userName eq \"adam@example.com\""));
            var query = new ScimUserQuery(Client, new[] { selection });

            var read = await ReadAllAsync(query);

            Assert.Equal(new[] { "adam@example.com" }, read.Users);
            var alone = "userName eq \"adam@example.com\"";
            Assert.Equal(new[] { "userName sw \"ad\" and (" + alone + ")", alone }, read.Filters);
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.StartsWithFilter]);
        }

        [Fact]
        public async Task Several_selections_share_the_skip_and_the_first_and_hand_each_user_out_once()
        {
            await StartAsync();
            await SeedAsync();
            var query = Query(new[] { Like("ada*") }, new[] { ScimUserCondition.UserNameEquals("adam@example.com") },
                new[] { ScimUserCondition.UserNameEquals("bob@example.com") }, new[] { Like("o*") });
            query.Skip = 1;
            query.First = 2;

            var read = await ReadAllAsync(query);

            Assert.Equal(new[] { "adam@example.com", "bob@example.com" }, read.Users);
            Assert.All(read.Outcomes, o => Assert.False(o.ServerPaged));
            Assert.Equal(1, read.Outcomes[1].Matched);
            Assert.True(read.Outcomes[3].StoppedAtFirst);
            Assert.Equal((1UL, 2UL), (query.Skipped, query.HandedOut));
        }

        [Fact]
        public async Task The_skip_and_the_first_go_to_the_server_when_its_answer_is_exactly_the_users_wanted()
        {
            await StartAsync(maxPageSize: 2);
            await SeedAsync();
            var query = Query(Array.Empty<ScimUserCondition>());
            query.Skip = 1;
            query.First = 2;

            var read = await ReadAllAsync(query);

            Assert.Equal(new[] { "adam@example.com", "bob@example.com" }, read.Users);
            Assert.Single(read.Filters);
            Assert.Equal((0UL, 2UL), (query.Skipped, query.HandedOut));
        }

        [Fact]
        public async Task A_prefix_refused_with_its_escapes_is_read_from_at_most_the_scan_budget_and_learns_nothing()
        {
            await StartWithSwitchesAsync("--filters", "eq-and");
            await SeedAsync();
            var query = Query(new[] { ScimUserCondition.UserNameStartsWith("o\"") });
            query.MaxScanned = 3;

            var read = await ReadAllAsync(query);

            Assert.Empty(read.Users);
            Assert.Equal(new[] { "userName sw \"o\\\"\"", "" }, read.Filters);
            Assert.Equal(3, read.Outcomes[0].Listing.Delivered);
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.StartsWithFilter]);
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.FilterEscapes]);
        }

        [Fact]
        public async Task A_page_of_users_carrying_groups_teaches_that_listings_carry_them()
        {
            await StartAsync();
            await SeedAsync();
            await CreateGroupAsync("Finance", await IdOfAsync("ada@example.com"));

            await ReadAllAsync(Query(Array.Empty<ScimUserCondition>()));

            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.UserGroupsInLists]);
        }

        [Fact]
        public async Task A_selection_of_another_query_is_refused()
        {
            await StartAsync();
            var query = Query(Array.Empty<ScimUserCondition>());

            await Assert.ThrowsAsync<ArgumentException>(async () =>
            {
                var another = new ScimUserSelection(Array.Empty<ScimUserCondition>());
                await foreach (var _ in query.ReadAsync(another, new ScimUserQueryOutcome(), None))
                {
                }
            });
        }

        private async Task<string> IdOfAsync(string userName)
        {
            var (_, body) = await SendAsync("GET", "Users?filter=" + Uri.EscapeDataString("userName eq \"" + userName + "\""));
            return body!["Resources"]![0]!["id"]!.GetValue<string>();
        }

        private sealed class Read
        {
            public List<string> Users { get; } = new();

            public List<string> Notes { get; } = new();

            public List<string> Filters { get; } = new();

            public List<ScimUserQueryOutcome> Outcomes { get; } = new();
        }
    }
}
