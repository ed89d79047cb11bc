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

        public async IAsyncEnumerable<ScimPage<T>> ReadAsync(int startIndex, int pageSize, int? maxItems, [EnumeratorCancellation] CancellationToken cancellationToken, int concurrency = 1)
        {
            if (startIndex < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(startIndex), startIndex, "SCIM startIndex is 1-based.");
            }
            if (pageSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "A page holds at least one resource.");
            }
            var state = new PagingState(startIndex, maxItems);
            var first = await FetchAsync(state.Next, state.CountFor(pageSize), cancellationToken).ConfigureAwait(false);
            var page = state.Accept(first.StartIndex, first.Response);
            if (page == null)
            {
                yield break;
            }
            yield return page;

            // Once the server has said how many there are and how many it puts on a page, the remaining
            // pages can be asked for at once (bounded), and still handed out in order.
            var step = first.Response.Resources!.Count;
            if (concurrency > 1 && state.TotalTrusted && state.Total.HasValue && step > 0)
            {
                var window = new Queue<Task<Fetched>>();
                var nextToRequest = state.Next;
                var lastIndex = Math.Min(state.Total.Value, maxItems.HasValue ? startIndex + maxItems.Value - 1 : int.MaxValue);
                using (var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    try
                    {
                        while (true)
                        {
                            while (window.Count < concurrency && nextToRequest <= lastIndex)
                            {
                                window.Enqueue(FetchAsync(nextToRequest, Math.Min(step, lastIndex - nextToRequest + 1), prefetch.Token));
                                nextToRequest += step;
                            }
                            if (window.Count == 0)
                            {
                                yield break;
                            }
                            var fetched = await window.Dequeue().ConfigureAwait(false);
                            var regular = fetched.StartIndex == state.Next && (fetched.Response.Resources?.Count ?? 0) == Math.Min(step, lastIndex - fetched.StartIndex + 1);
                            page = state.Accept(fetched.StartIndex, fetched.Response);
                            if (page != null)
                            {
                                yield return page;
                            }
                            if (!regular || page == null || state.Done)
                            {
                                // The server stopped behaving as its first page promised: drop what is in
                                // flight and go on one page at a time from where the data ends.
                                break;
                            }
                        }
                    }
                    finally
                    {
                        // Pages fetched ahead and no longer wanted: cancel them and let them finish, so no
                        // request outlives the listing and no failure goes unobserved.
                        prefetch.Cancel();
                        await Task.WhenAll(window.Select(pending => pending.ContinueWith(t => t.Exception, TaskScheduler.Default))).ConfigureAwait(false);
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
                var fetched = await FetchAsync(state.Next, count, cancellationToken).ConfigureAwait(false);
                page = state.Accept(fetched.StartIndex, fetched.Response);
                if (page == null)
                {
                    yield break;
                }
                yield return page;
            }
        }

        private async Task<Fetched> FetchAsync(int startIndex, int count, CancellationToken cancellationToken)
        {
            var response = await _fetchPage(startIndex, count, cancellationToken).ConfigureAwait(false);
            return new Fetched(startIndex, response);
        }

        private sealed class Fetched
        {
            public Fetched(int startIndex, ScimListResponse<T> response)
            {
                StartIndex = startIndex;
                Response = response;
            }

            public int StartIndex { get; }

            public ScimListResponse<T> Response { get; }
        }

        /// <summary>What the pager has learnt so far, and the rules that decide when it is done.</summary>
        private sealed class PagingState
        {
            private readonly HashSet<string> _seenIds = new HashSet<string>(StringComparer.Ordinal);
            private readonly int? _maxItems;
            private int _delivered;

            public PagingState(int startIndex, int? maxItems)
            {
                Next = startIndex;
                _maxItems = maxItems;
                TotalTrusted = true;
            }

            public int Next { get; private set; }

            public int? Total { get; private set; }

            public bool TotalTrusted { get; private set; }

            public bool Done { get; private set; }

            public int CountFor(int pageSize) => _maxItems.HasValue ? Math.Min(pageSize, _maxItems.Value - _delivered) : pageSize;

            /// <summary>The page to hand out, or null when the listing is over.</summary>
            public ScimPage<T>? Accept(int startIndex, ScimListResponse<T> response)
            {
                var resources = response.Resources ?? new List<T>();
                if (resources.Count == 0 || Done)
                {
                    Done = true;
                    return null;
                }
                var fresh = resources.Where(r => r.Id == null || _seenIds.Add(r.Id)).ToList();
                if (fresh.Count == 0)
                {
                    Done = true;
                    return null;
                }
                if (_maxItems.HasValue && _delivered + fresh.Count > _maxItems.Value)
                {
                    fresh = fresh.Take(_maxItems.Value - _delivered).ToList();
                }
                _delivered += fresh.Count;
                var lastIndexReceived = startIndex + resources.Count - 1;
                if (response.TotalResults.HasValue && lastIndexReceived > response.TotalResults.Value)
                {
                    TotalTrusted = false;
                }
                Total = TotalTrusted ? response.TotalResults : null;
                Next = Math.Max(Next, lastIndexReceived + 1);
                if ((TotalTrusted && Total.HasValue && Next > Total.Value) || (_maxItems.HasValue && _delivered >= _maxItems.Value))
                {
                    Done = true;
                }
                return new ScimPage<T>(fresh, startIndex, Total);
            }
        }
    }
}
