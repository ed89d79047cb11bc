using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Models;
using ModeScim.Client.Paging;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    public class ScimPagerTests
    {
        private static List<ScimUser> Users(int count) => Enumerable.Range(1, count)
            .Select(i => new ScimUser { Id = "u" + i, UserName = "user" + i }).ToList();

        /// <summary>A server over a fixed list, with knobs for the ways real servers get paging wrong.</summary>
        private sealed class FakeServer
        {
            private readonly List<ScimUser> _all;

            public FakeServer(List<ScimUser> all)
            {
                _all = all;
            }

            public int MaxPageSize { get; init; } = 1000;

            public Func<int, int?>? ReportTotal { get; init; }

            public bool IgnoresStartIndex { get; init; }

            public bool WrapsPastTheEnd { get; init; }

            public bool IgnoresCount { get; init; }

            public List<int> StartIndexes { get; } = new();

            public List<int> Counts { get; } = new();

            public Task<ScimListResponse<ScimUser>> Fetch(int startIndex, int count, CancellationToken _)
            {
                StartIndexes.Add(startIndex);
                Counts.Add(count);
                var take = IgnoresCount ? MaxPageSize : Math.Min(count, MaxPageSize);
                var skip = IgnoresStartIndex || (WrapsPastTheEnd && startIndex > _all.Count) ? 0 : startIndex - 1;
                var page = _all.Skip(skip).Take(take).ToList();
                return Task.FromResult(new ScimListResponse<ScimUser>
                {
                    Resources = page,
                    TotalResults = ReportTotal == null ? _all.Count : ReportTotal(_all.Count),
                    ItemsPerPage = 7,
                    StartIndex = startIndex,
                });
            }
        }

        private static async Task<List<string>> ReadIds(FakeServer server, int pageSize = 10, int? maxItems = null,
            int startIndex = 1, int concurrency = 1)
        {
            var pager = new ScimPager<ScimUser>(server.Fetch);
            var pages = await pager.ReadAsync(startIndex, pageSize, maxItems, CancellationToken.None, concurrency).ToListAsync();
            return pages.SelectMany(p => p.Resources).Select(u => u.Id!).ToList();
        }

        [Fact]
        public async Task Reads_every_page_and_stops_at_totalResults()
        {
            var server = new FakeServer(Users(25));
            var ids = await ReadIds(server);

            Assert.Equal(Users(25).Select(u => u.Id), ids);
            Assert.Equal(new[] { 1, 11, 21 }, server.StartIndexes);
        }

        [Fact]
        public async Task Advances_by_what_arrived_when_the_server_caps_the_page_and_misreports_itemsPerPage()
        {
            var server = new FakeServer(Users(25)) { MaxPageSize = 4 };
            var ids = await ReadIds(server, pageSize: 10);

            Assert.Equal(25, ids.Count);
            Assert.Equal(25, ids.Distinct().Count());
        }

        [Fact]
        public async Task Stops_when_a_server_ignores_startIndex_and_repeats_the_first_page()
        {
            var server = new FakeServer(Users(25)) { IgnoresStartIndex = true, ReportTotal = _ => null };
            var ids = await ReadIds(server);

            Assert.Equal(10, ids.Count);
            Assert.Equal(2, server.StartIndexes.Count);
        }

        [Fact]
        public async Task Stops_when_a_server_answers_past_the_end_with_page_one_again()
        {
            var server = new FakeServer(Users(20)) { WrapsPastTheEnd = true, ReportTotal = _ => null };
            var ids = await ReadIds(server);

            Assert.Equal(20, ids.Count);
            Assert.Equal(20, ids.Distinct().Count());
            Assert.Equal(3, server.StartIndexes.Count);
        }

        [Fact]
        public async Task Keeps_reading_when_pages_prove_totalResults_too_small()
        {
            var server = new FakeServer(Users(25)) { ReportTotal = _ => 5 };
            var ids = await ReadIds(server);

            Assert.Equal(25, ids.Count);
        }

        [Fact]
        public async Task Stops_on_an_empty_page_when_totalResults_is_missing()
        {
            var server = new FakeServer(Users(20)) { ReportTotal = _ => null };
            var ids = await ReadIds(server);

            Assert.Equal(20, ids.Count);
            Assert.Equal(new[] { 1, 11, 21 }, server.StartIndexes);
        }

        [Fact]
        public async Task Honours_a_start_index_and_a_maximum_number_of_items()
        {
            var server = new FakeServer(Users(50));
            var ids = await ReadIds(server, pageSize: 10, maxItems: 13, startIndex: 6);

            Assert.Equal(Enumerable.Range(6, 13).Select(i => "u" + i), ids);
            Assert.Equal(new[] { 6, 16 }, server.StartIndexes);
        }

        [Fact]
        public async Task Fetches_the_remaining_pages_concurrently_once_the_total_is_known_and_keeps_server_order()
        {
            var server = new FakeServer(Users(95));
            var ids = await ReadIds(server, pageSize: 10, concurrency: 4);

            Assert.Equal(Users(95).Select(u => u.Id), ids);
            Assert.Equal(new[] { 1, 11, 21, 31, 41, 51, 61, 71, 81, 91 }, server.StartIndexes);
        }

        [Fact]
        public async Task Uses_the_page_size_the_server_actually_returns_when_fetching_ahead()
        {
            var server = new FakeServer(Users(50)) { MaxPageSize = 7 };
            var ids = await ReadIds(server, pageSize: 100, concurrency: 3);

            Assert.Equal(Users(50).Select(u => u.Id), ids);
        }

        [Fact]
        public async Task Falls_back_to_one_page_at_a_time_when_a_concurrent_page_breaks_the_pattern()
        {
            var server = new FakeServer(Users(40)) { WrapsPastTheEnd = true, ReportTotal = _ => 60 };
            var ids = await ReadIds(server, pageSize: 10, concurrency: 4);

            Assert.Equal(Users(40).Select(u => u.Id), ids);
        }

        [Fact]
        public async Task Stops_fetching_ahead_at_the_maximum_number_of_items()
        {
            var server = new FakeServer(Users(500));
            var ids = await ReadIds(server, pageSize: 10, maxItems: 25, concurrency: 8);

            Assert.Equal(25, ids.Count);
            Assert.Equal(new[] { 1, 11, 21 }, server.StartIndexes);
        }

        [Fact]
        public async Task Refuses_a_zero_based_start_index()
        {
            var pager = new ScimPager<ScimUser>(new FakeServer(Users(1)).Fetch);
            var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
                async () => await pager.ReadAsync(0, 10, null, CancellationToken.None).ToListAsync());

            Assert.Equal("startIndex", error.ParamName);
            Assert.StartsWith("SCIM startIndex is 1-based.", error.Message);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        public async Task Reads_past_a_totalResults_that_is_too_low_instead_of_stopping_short(int concurrency)
        {
            var server = new FakeServer(Users(150)) { ReportTotal = _ => 100 };
            var outcome = new ModeScim.Client.ScimListingOutcome();
            var pager = new ScimPager<ScimUser>(server.Fetch);

            var pages = await pager.ReadAsync(1, 50, null, CancellationToken.None, concurrency, outcome).ToListAsync();

            Assert.Equal(150, pages.SelectMany(p => p.Resources).Count());
            Assert.False(outcome.EndedShort);
        }

        [Fact]
        public async Task Says_when_a_listing_ends_before_the_servers_own_count()
        {
            var server = new FakeServer(Users(60)) { ReportTotal = _ => 100 };
            var outcome = new ModeScim.Client.ScimListingOutcome();
            var pager = new ScimPager<ScimUser>(server.Fetch);

            var pages = await pager.ReadAsync(1, 25, null, CancellationToken.None, 1, outcome).ToListAsync();

            Assert.Equal(60, pages.SelectMany(p => p.Resources).Count());
            Assert.True(outcome.EndedShort);
            Assert.Equal(100, outcome.ReportedTotal);
            Assert.Equal(60, outcome.Delivered);
        }

        [Fact]
        public async Task Asks_once_past_a_full_last_page_and_no_more()
        {
            var server = new FakeServer(Users(40));

            var ids = await ReadIds(server, pageSize: 20);

            Assert.Equal(40, ids.Count);
            Assert.Equal(new[] { 1, 21, 41 }, server.StartIndexes);
        }

        [Fact]
        public async Task Does_not_ask_past_what_the_caller_wanted_nor_call_that_short()
        {
            var server = new FakeServer(Users(100));
            var outcome = new ModeScim.Client.ScimListingOutcome();
            var pager = new ScimPager<ScimUser>(server.Fetch);

            var pages = await pager.ReadAsync(1, 10, 20, CancellationToken.None, 1, outcome).ToListAsync();

            Assert.Equal(20, pages.SelectMany(p => p.Resources).Count());
            Assert.Equal(new[] { 1, 11 }, server.StartIndexes);
            Assert.False(outcome.EndedShort);
        }

        [Fact]
        public async Task Fails_with_ListingTooLong_past_the_page_limit()
        {
            var server = new FakeServer(Users(100)) { ReportTotal = _ => null };
            var pager = new ScimPager<ScimUser>(server.Fetch);

            var error = await Assert.ThrowsAsync<ModeScim.Client.ScimException>(
                async () => await pager.ReadAsync(1, 10, null, CancellationToken.None, 1, null, maxPages: 3, collection: "Users")
                .ToListAsync());

            Assert.Equal(ModeScim.Client.ScimErrorKind.ListingTooLong, error.Kind);
            Assert.Equal(("GET", "Users"), (error.Method, error.Path));
            Assert.Contains("more than 3 pages; the server may be paging forever (raise -MaxListPages", error.Detail);
            Assert.Equal(3, server.StartIndexes.Count - 1);
        }

        [Fact]
        public async Task Refuses_an_empty_page_size()
        {
            var pager = new ScimPager<ScimUser>(new FakeServer(Users(3)).Fetch);

            var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
                () => pager.ReadAsync(1, 0, null, CancellationToken.None).ToListAsync().AsTask());

            Assert.Equal("pageSize", error.ParamName);
            Assert.Contains("at least one resource", error.Message);
        }

        [Fact]
        public async Task Hands_out_no_more_than_the_maximum_when_the_server_sends_more_than_asked()
        {
            var server = new FakeServer(Users(50)) { IgnoresCount = true, MaxPageSize = 10 };

            var ids = await ReadIds(server, pageSize: 10, maxItems: 15);

            Assert.Equal(Users(15).Select(u => u.Id), ids);
            Assert.Equal(new[] { 10, 5 }, server.Counts);
        }

        [Fact]
        public async Task Fetching_ahead_from_a_start_index_asks_for_exactly_what_is_left_of_the_maximum()
        {
            var server = new FakeServer(Users(100));

            var ids = await ReadIds(server, pageSize: 5, maxItems: 13, startIndex: 6, concurrency: 4);

            Assert.Equal(Enumerable.Range(6, 13).Select(i => "u" + i), ids);
            Assert.Equal(new[] { 6, 11, 16 }, server.StartIndexes);
            Assert.Equal(new[] { 5, 5, 3 }, server.Counts);
        }

        [Fact]
        public async Task Fetching_ahead_stops_at_the_servers_count_then_looks_once_past_a_full_last_page()
        {
            var server = new FakeServer(Users(30));

            var ids = await ReadIds(server, pageSize: 10, concurrency: 3);

            Assert.Equal(30, ids.Count);
            Assert.Equal(new[] { 1, 11, 21, 31 }, server.StartIndexes);
        }

        /// <summary>Answers the first page at once and holds every later request until Release: what was asked for
        /// while the others were still in flight is then plain to see, with no clock involved.</summary>
        private sealed class HeldServer
        {
            private readonly FakeServer _answers;
            private readonly List<(int StartIndex, int Count, TaskCompletionSource<ScimListResponse<ScimUser>> Answer)> _held = new();

            public HeldServer(List<ScimUser> all)
            {
                _answers = new FakeServer(all);
            }

            public List<int> StartIndexes { get; } = new();

            public Task<ScimListResponse<ScimUser>> Fetch(int startIndex, int count, CancellationToken token)
            {
                StartIndexes.Add(startIndex);
                if (StartIndexes.Count == 1)
                {
                    return _answers.Fetch(startIndex, count, token);
                }
                var held = new TaskCompletionSource<ScimListResponse<ScimUser>>(TaskCreationOptions.RunContinuationsAsynchronously);
                _held.Add((startIndex, count, held));
                return held.Task;
            }

            public void ReleaseAll()
            {
                foreach (var (startIndex, count, answer) in _held.ToList())
                {
                    answer.SetResult(_answers.Fetch(startIndex, count, CancellationToken.None).Result);
                }
            }
        }

        [Fact]
        public async Task A_first_page_short_of_the_request_that_holds_everything_is_the_only_request()
        {
            var server = new FakeServer(Users(5));

            var ids = await ReadIds(server, pageSize: 100, concurrency: 4);

            Assert.Equal(5, ids.Count);
            Assert.Equal(new[] { 1 }, server.StartIndexes);
        }

        [Theory]
        [InlineData(40, new[] { 1, 11, 21, 31, 41 })]
        [InlineData(35, new[] { 1, 11, 21, 31 })]
        public async Task The_look_past_a_full_last_page_goes_out_with_the_last_pages_not_after_them(int users, int[] asked)
        {
            var server = new HeldServer(Users(users));
            var pager = new ScimPager<ScimUser>(server.Fetch);
            var pages = pager.ReadAsync(1, 10, null, CancellationToken.None, concurrency: 4).GetAsyncEnumerator();

            Assert.True(await pages.MoveNextAsync());
            var second = pages.MoveNextAsync();

            // Nothing after the first page has been answered, yet every request the listing needs is in flight: the pages
            // up to the count and, only where the last of them is full, the one look past it.
            Assert.False(second.IsCompleted);
            Assert.Equal(asked, server.StartIndexes);
            server.ReleaseAll();
            var read = 10;
            for (var more = await second; more; more = await pages.MoveNextAsync())
            {
                read += pages.Current.Resources.Count;
            }
            Assert.Equal(users, read);
            Assert.Equal(asked, server.StartIndexes);
            await pages.DisposeAsync();
        }
    }
}
