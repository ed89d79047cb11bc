using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Models;

namespace ModeScim.Client.Paging
{
    /// <summary>Walks a list endpoint page by page. It trusts nothing the server says about the list
    /// beyond what it can check: it advances by the number of resources actually received (not
    /// itemsPerPage), stops on an empty page or a page with nothing new (a server that ignores
    /// startIndex, or answers past the end with page 1 again), and ignores totalResults once a
    /// page proves it wrong.</summary>
    internal sealed class ScimPager<T> where T : ScimResource
    {
        private readonly Func<int, int, CancellationToken, Task<ScimListResponse<T>>> _fetchPage;

        public ScimPager(Func<int, int, CancellationToken, Task<ScimListResponse<T>>> fetchPage)
        {
            _fetchPage = fetchPage;
        }

        /// <param name="outcome">Filled in as the listing ends: whether it came up short of the server's count.</param>
        /// <param name="maxPages">The most pages read before failing with ListingTooLong.</param>
        /// <param name="collection">Names the listing in that failure.</param>
        /// <param name="lookPastTotal">Read past the server's count even after a page smaller than asked for.</param>
        public async IAsyncEnumerable<ScimPage<T>> ReadAsync(int startIndex, int pageSize, int? maxItems,
            [EnumeratorCancellation] CancellationToken cancellationToken, int concurrency = 1, ScimListingOutcome? outcome = null,
            int maxPages = int.MaxValue, string collection = "", bool lookPastTotal = false)
        {
            if (startIndex < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(startIndex), startIndex, "SCIM startIndex is 1-based.");
            }
            if (pageSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "A page holds at least one resource.");
            }
            var state = new PagingState(startIndex, maxItems, maxPages, collection, outcome ?? new ScimListingOutcome(), lookPastTotal);
            var first = await FetchAsync(state.Next, state.CountFor(pageSize), cancellationToken).NoContext();
            var page = state.Accept(first.StartIndex, first.Response, first.Requested);
            if (page == null)
            {
                yield break;
            }
            yield return page;

            // Once the server has said how many there are and how many it puts on a page, the remaining
            // pages can be asked for at once (bounded), and still handed out in order.
            var step = first.Response.Resources!.Count;
            if (concurrency > 1 && !state.Done && state.TotalTrusted && state.Total.HasValue && step > 0)
            {
                var window = new Queue<Task<Fetched>>();
                var nextToRequest = state.Next;
                var lastWanted = maxItems.HasValue ? startIndex + maxItems.Value - 1 : int.MaxValue;
                var lastIndex = Math.Min(state.Total.Value, lastWanted);
                // Where a full page will end at the server's count, the one read past it (see PagingState) goes out in
                // the same wave as the last pages, not one round trip after them. It is only ever sent where pages line
                // up with the count, so a listing whose last page is short costs no extra request. A server that breaks its
                // first page's promise (a count too high, startIndex ignored) gets that one request in vain: it is cancelled
                // with the rest, and the listing goes on one page at a time as before.
                var requestUpTo = lastWanted > lastIndex ? lastIndex + 1 : lastIndex;
                using (var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    try
                    {
                        void TopUp()
                        {
                            while (window.Count < concurrency && nextToRequest <= requestUpTo)
                            {
                                // The last page is asked for whole, not cut to the server's count: if the count is
                                // too low, the page shows it by holding more.
                                window.Enqueue(FetchAsync(nextToRequest, Math.Min(step, lastWanted - nextToRequest + 1), prefetch.Token));
                                nextToRequest += step;
                            }
                        }

                        TopUp();
                        while (window.Count > 0)
                        {
                            var fetched = await window.Dequeue().NoContext();
                            var regular = fetched.StartIndex == state.Next && (fetched.Response.Resources?.Count ?? 0) == fetched.Requested;
                            page = state.Accept(fetched.StartIndex, fetched.Response, fetched.Requested);
                            if (!regular || page == null || state.Done)
                            {
                                // The server stopped behaving as its first page promised: drop what is in
                                // flight and go on one page at a time from where the data ends.
                                if (page != null)
                                {
                                    yield return page;
                                }
                                break;
                            }
                            // The freed slot is used before the caller gets the page, so requests stay in flight
                            // while the caller works through it (making objects, writing them down the pipeline).
                            TopUp();
                            yield return page;
                        }
                        // When the window empties, the pages up to the server's count are read; whether that was all
                        // is decided below, one page at a time.
                    }
                    finally
                    {
                        // Pages fetched ahead and no longer wanted: cancel them and let them finish, so no
                        // request outlives the listing and no failure goes unobserved.
                        prefetch.Cancel();
                        await Task.WhenAll(window.Select(pending => pending.ContinueWith(t => t.Exception, TaskScheduler.Default)))
                            .NoContext();
                    }
                }
            }
            while (!state.Done)
            {
                var count = state.CountFor(pageSize);
                if (count <= 0)
                {
                    yield break;
                }
                var fetched = await FetchAsync(state.Next, count, cancellationToken).NoContext();
                page = state.Accept(fetched.StartIndex, fetched.Response, fetched.Requested);
                if (page == null)
                {
                    yield break;
                }
                yield return page;
            }
        }

        private async Task<Fetched> FetchAsync(int startIndex, int count, CancellationToken cancellationToken)
        {
            var response = await _fetchPage(startIndex, count, cancellationToken).NoContext();
            return new Fetched(startIndex, count, response);
        }

        private sealed class Fetched
        {
            public Fetched(int startIndex, int requested, ScimListResponse<T> response)
            {
                StartIndex = startIndex;
                Requested = requested;
                Response = response;
            }

            public int StartIndex { get; }

            public int Requested { get; }

            public ScimListResponse<T> Response { get; }
        }

        /// <summary>What the pager has learnt so far, and the rules that decide when it is done.</summary>
        private sealed class PagingState
        {
            private readonly SeenIds _seenIds = new SeenIds();
            private readonly int _startIndex;
            private readonly int? _maxItems;
            private readonly int _maxPages;
            private readonly string _collection;
            private readonly ScimListingOutcome _outcome;
            private readonly bool _lookPastTotal;
            private int _delivered;
            private int _pages;
            private bool _lookedPastTotal;
            private int _serverPageSize;

            public PagingState(int startIndex, int? maxItems, int maxPages, string collection, ScimListingOutcome outcome,
                bool lookPastTotal)
            {
                _lookPastTotal = lookPastTotal;
                _startIndex = startIndex;
                Next = startIndex;
                _maxItems = maxItems;
                _maxPages = maxPages;
                _collection = collection;
                _outcome = outcome;
                TotalTrusted = true;
            }

            public int Next { get; private set; }

            public int? Total { get; private set; }

            public bool TotalTrusted { get; private set; }

            public bool Done { get; private set; }

            public int CountFor(int pageSize) => _maxItems.HasValue ? Math.Min(pageSize, _maxItems.Value - _delivered) : pageSize;

            /// <summary>The page to hand out, or null when the listing is over.</summary>
            public ScimPage<T>? Accept(int startIndex, ScimListResponse<T> response, int requested)
            {
                if (++_pages > _maxPages)
                {
                    throw new ScimException(ScimErrorKind.ListingTooLong, "GET", _collection, null, null, "more than " + _maxPages
                        + " pages; the server may be paging forever (raise -MaxListPages if the listing is really that long)");
                }
                var resources = response.Resources ?? new List<T>();
                if (_pages == 1)
                {
                    _outcome.ReportedTotal = response.TotalResults;
                    _seenIds.Expect(Math.Min(response.TotalResults ?? 0, _maxItems ?? int.MaxValue));
                    // A server may give fewer than asked on every page; a first page short of both the request and
                    // the count shows how many it gives.
                    if (resources.Count < requested && response.TotalResults > resources.Count)
                    {
                        _serverPageSize = resources.Count;
                    }
                }
                if (resources.Count == 0 || Done)
                {
                    return Finish();
                }
                var fresh = resources.Where(r => r.Id == null || _seenIds.Add(r.Id)).ToList();
                if (fresh.Count == 0)
                {
                    return Finish();
                }
                if (_maxItems.HasValue && _delivered + fresh.Count > _maxItems.Value)
                {
                    fresh = fresh.Take(_maxItems.Value - _delivered).ToList();
                }
                _delivered += fresh.Count;
                _outcome.Delivered = _delivered;
                var lastIndexReceived = startIndex + resources.Count - 1;
                if (response.TotalResults.HasValue && lastIndexReceived > response.TotalResults.Value)
                {
                    TotalTrusted = false;
                }
                Total = TotalTrusted ? response.TotalResults : null;
                Next = Math.Max(Next, lastIndexReceived + 1);
                if (_maxItems.HasValue && _delivered >= _maxItems.Value)
                {
                    Done = true;
                }
                else if (TotalTrusted && Total.HasValue && Next > Total.Value)
                {
                    // A full page that ends at the server's count may not be the last: a server whose totalResults is
                    // too low would otherwise cut the listing short without a word. One more read decides.
                    var full = _lookPastTotal || resources.Count >= requested
                        || (_serverPageSize > 0 && resources.Count >= _serverPageSize);
                    if (!full || _lookedPastTotal)
                    {
                        Done = true;
                    }
                    _lookedPastTotal = true;
                }
                return new ScimPage<T>(fresh, startIndex, Total);
            }

            // The listing is over. It is short when the server's own count promised more than arrived and the
            // caller did not ask for fewer.
            private ScimPage<T>? Finish()
            {
                Done = true;
                var expected = _outcome.ReportedTotal.HasValue ? _outcome.ReportedTotal.Value - (_startIndex - 1) : (int?)null;
                var cappedByCaller = _maxItems.HasValue && _delivered >= _maxItems.Value;
                _outcome.EndedShort = expected.HasValue && _delivered < expected.Value && !cappedByCaller;
                return null;
            }
        }
    }
}
