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

        public async IAsyncEnumerable<ScimPage<T>> ReadAsync(int startIndex, int pageSize, int? maxItems, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (startIndex < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(startIndex), startIndex, "SCIM startIndex is 1-based.");
            }
            if (pageSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "A page holds at least one resource.");
            }
            var seenIds = new HashSet<string>(StringComparer.Ordinal);
            var next = startIndex;
            var delivered = 0;
            var totalIsTrustworthy = true;
            while (true)
            {
                var count = maxItems.HasValue ? Math.Min(pageSize, maxItems.Value - delivered) : pageSize;
                if (count <= 0)
                {
                    yield break;
                }
                var response = await _fetchPage(next, count, cancellationToken).ConfigureAwait(false);
                var resources = response.Resources ?? new List<T>();
                if (resources.Count == 0)
                {
                    yield break;
                }
                var fresh = resources.Where(r => r.Id == null || seenIds.Add(r.Id)).ToList();
                if (fresh.Count == 0)
                {
                    yield break;
                }
                if (maxItems.HasValue && delivered + fresh.Count > maxItems.Value)
                {
                    fresh = fresh.Take(maxItems.Value - delivered).ToList();
                }
                delivered += fresh.Count;
                var lastIndexReceived = next + resources.Count - 1;
                if (response.TotalResults.HasValue && lastIndexReceived > response.TotalResults.Value)
                {
                    totalIsTrustworthy = false;
                }
                yield return new ScimPage<T>(fresh, next, totalIsTrustworthy ? response.TotalResults : null);
                next = lastIndexReceived + 1;
                if (totalIsTrustworthy && response.TotalResults.HasValue && next > response.TotalResults.Value)
                {
                    yield break;
                }
            }
        }
    }
}
