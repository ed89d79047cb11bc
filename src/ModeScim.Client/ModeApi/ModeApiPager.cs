using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Threading;
using ModeScim.Client.Http;

namespace ModeScim.Client.ModeApi
{
    /// <summary>Reads a Mode list page by page with <c>page</c> and <c>per_page</c>. Mode's lists are reported to
    /// ignore <c>page</c> or to repeat the last page, so a page that is empty, or holds nothing not already
    /// delivered, ends the listing; so does a page that says there is no next one. The <c>next_page</c> href is
    /// never followed: a server could point it at another host, and the credentials would go with it.</summary>
    internal sealed class ModeApiPager
    {
        private readonly ScimTransport _transport;
        private readonly int _pageSize;
        private readonly int _maxPages;

        public ModeApiPager(ScimTransport transport, int pageSize, int maxPages)
        {
            _transport = transport;
            _pageSize = Math.Max(1, pageSize);
            _maxPages = Math.Max(1, maxPages);
        }

        /// <summary>A HAL list: the items in <c>_embedded.{key}</c>; a page with <c>_links</c> but no
        /// <c>next_page</c> is the last.</summary>
        public IAsyncEnumerable<IReadOnlyList<T>> ListAsync<T>(string path, string key, Func<T, string?> identity,
            CancellationToken cancellationToken)
        {
            return ReadAsync(path, _pageSize, identity, null, (response, pagePath) =>
            {
                var page = response.Read<HalPage<T>>("GET", pagePath);
                return new ListPage<T>(page.Items(key), page.Links == null ? (bool?)null : page.LinkOf("next_page") != null);
            }, cancellationToken);
        }

        /// <param name="read">A page's items and whether it says another follows (null when it does not say: then
        /// a full page means there may be more).</param>
        /// <param name="authorization">For lists behind another credential (the Discovery API's bearer).</param>
        public async IAsyncEnumerable<IReadOnlyList<T>> ReadAsync<T>(string path, int perPage, Func<T, string?> identity,
            Func<AuthenticationHeaderValue>? authorization, Func<ScimResponse, string, ListPage<T>> read,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var page = 1; ; page++)
            {
                if (page > _maxPages)
                {
                    throw new ScimException(ScimErrorKind.ListingTooLong, "GET", path, null, null,
                        "more than " + _maxPages + " pages; the server may be repeating itself");
                }
                var pagePath = path + (path.IndexOf('?') >= 0 ? "&" : "?") + "page=" + page + "&per_page=" + perPage;
                var request = new ScimRequest(HttpMethod.Get, pagePath, null, true) { Authorization = authorization };
                var response = await _transport.SendAsync(request, cancellationToken).NoContext();
                var parsed = read(response, pagePath);
                var fresh = new List<T>(parsed.Items.Count);
                foreach (var item in parsed.Items)
                {
                    if (item == null)
                    {
                        throw new ScimException(ScimErrorKind.InvalidResponse, "GET", pagePath, response.StatusCode, null,
                            "the list holds an empty (null) entry where a " + typeof(T).Name + " was expected");
                    }
                    var id = identity(item);
                    // An item without identity cannot be told from a repeat; it is delivered, never used to stop.
                    if (id == null || seen.Add(id))
                    {
                        fresh.Add(item);
                    }
                }
                if (fresh.Count == 0)
                {
                    yield break;
                }
                yield return fresh;
                if (!(parsed.HasNext ?? parsed.Items.Count >= perPage))
                {
                    yield break;
                }
            }
        }
    }

    /// <summary>One page of a Mode list as the pager needs it.</summary>
    internal sealed class ListPage<T>
    {
        public ListPage(IReadOnlyList<T> items, bool? hasNext)
        {
            Items = items;
            HasNext = hasNext;
        }

        public IReadOnlyList<T> Items { get; }

        /// <summary>Whether the page says another follows; null when it does not say.</summary>
        public bool? HasNext { get; }
    }
}
