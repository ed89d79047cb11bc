using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using ModeScim.Client.Http;

namespace ModeScim.Client.ModeApi
{
    /// <summary>Reads a HAL list page by page with <c>page</c> and <c>per_page</c>. Mode's lists are reported to
    /// ignore <c>page</c> or to repeat the last page, so a page that is empty, or holds nothing not already
    /// delivered, ends the listing; so does a page without a <c>next_page</c> link. The link's href is never
    /// followed: a server could point it at another host, and the credentials would go with it.</summary>
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

        public async IAsyncEnumerable<IReadOnlyList<T>> ListAsync<T>(string path, string key, Func<T, string?> identity,
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
                var pagePath = path + (path.IndexOf('?') >= 0 ? "&" : "?") + "page=" + page + "&per_page=" + _pageSize;
                var response = await _transport.SendAsync(new ScimRequest(HttpMethod.Get, pagePath, null, true), cancellationToken)
                    .ConfigureAwait(false);
                var parsed = Parse<HalPage<T>>(response, pagePath);
                var items = parsed.Items(key);
                var fresh = new List<T>(items.Count);
                foreach (var item in items)
                {
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
                var linksGiven = parsed.Links != null;
                if (linksGiven ? parsed.LinkOf("next_page") == null : items.Count < _pageSize)
                {
                    yield break;
                }
            }
        }

        public static T Parse<T>(ScimResponse response, string path, string method = "GET")
            where T : class
        {
            try
            {
                return JsonSerializer.Deserialize<T>(response.Content.Utf8Bytes, ScimJson.Options)
                    ?? throw new JsonException("The body was JSON null.");
            }
            catch (JsonException ex)
            {
                throw new ScimException(ScimErrorKind.InvalidResponse, method, path, response.StatusCode, null,
                    "not the JSON Mode's API sends: " + ex.Message, null, ex);
            }
        }
    }
}
