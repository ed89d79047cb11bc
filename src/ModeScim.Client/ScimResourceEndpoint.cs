using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Filtering;
using ModeScim.Client.Http;
using ModeScim.Client.Models;
using ModeScim.Client.Paging;
using ModeScim.Client.Patching;

namespace ModeScim.Client
{
    /// <summary>The CRUD and list operations of one resource type (/Users or /Groups).</summary>
    public sealed class ScimResourceEndpoint<T> where T : ScimResource
    {
        private static readonly HttpMethod Patch = new HttpMethod("PATCH");

        private readonly ScimTransport _transport;
        private readonly string _collection;
        private readonly Func<T, ScimFilter?> _naturalKey;
        private readonly Func<int> _defaultPageSize;
        private readonly Func<int> _defaultConcurrency;
        private readonly Func<int> _maxListPages;

        internal ScimResourceEndpoint(ScimTransport transport, string collection, Func<T, ScimFilter?> naturalKey,
            Func<int> defaultPageSize, Func<int> defaultConcurrency, Func<int> maxListPages)
        {
            _maxListPages = maxListPages;
            _defaultConcurrency = defaultConcurrency;
            _transport = transport;
            _collection = collection;
            _naturalKey = naturalKey;
            _defaultPageSize = defaultPageSize;
        }

        public async Task<T> GetAsync(string id, CancellationToken cancellationToken, IEnumerable<string>? excludedAttributes = null)
        {
            var path = ResourcePath(id) + QueryString(null, null, null, null, excludedAttributes);
            var response = await _transport.SendAsync(new ScimRequest(HttpMethod.Get, path, null, true), cancellationToken)
                .NoContext();
            return Single(response.Read<T>("GET", path));
        }

        /// <summary>The resource with this id, or null when the server answers 404.</summary>
        public async Task<T?> FindAsync(string id, CancellationToken cancellationToken)
        {
            try
            {
                return await GetAsync(id, cancellationToken).NoContext();
            }
            catch (ScimException ex) when (ex.Kind == ScimErrorKind.NotFound)
            {
                return null;
            }
        }

        /// <summary>Text tried as an id: the resource, or null when the server answers 404, or the 400 or 500 of a
        /// server that fails on text it cannot parse as an id (a 500 here is an answer, so it is not retried).</summary>
        public async Task<T?> ProbeAsync(string text, CancellationToken cancellationToken, IEnumerable<string>? excludedAttributes = null)
        {
            if (!ResourceId.IsValid(text))
            {
                return null;
            }
            var path = ResourcePath(text) + QueryString(null, null, null, null, excludedAttributes);
            try
            {
                var response = await _transport.SendAsync(
                    new ScimRequest(HttpMethod.Get, path, null, true, retryServerErrors: false), cancellationToken).NoContext();
                return Single(response.Read<T>("GET", path));
            }
            catch (ScimException ex) when (ex.Kind == ScimErrorKind.NotFound || ex.Kind == ScimErrorKind.BadRequest || ex.StatusCode == 500)
            {
                return null;
            }
        }

        /// <summary>Pages in server order. The first page is read alone; once it shows the total, the rest are
        /// fetched a few at a time ahead of the caller (at most the client's request limit), so memory stays at
        /// a few pages however long the list.</summary>
        public IAsyncEnumerable<ScimPage<T>> ListAsync(ScimListQuery query, CancellationToken cancellationToken)
        {
            if (query == null)
            {
                throw new ArgumentNullException(nameof(query));
            }
            var pager = new ScimPager<T>((startIndex, count, token) => FetchPageAsync(query, startIndex, count, token));
            return pager.ReadAsync(query.StartIndex, query.PageSize ?? _defaultPageSize(), query.MaxItems, cancellationToken,
                query.Concurrency ?? _defaultConcurrency(), query.Outcome, _maxListPages(), _collection, query.LookPastTotal);
        }

        /// <summary>POST. When the connection fails after the request was sent, or the server answers 500, 502
        /// or 504, it may have created the resource anyway: look it up by its natural key before sending
        /// again, so a retry never duplicates and never reports a spurious conflict.</summary>
        public async Task<T> CreateAsync(T resource, CancellationToken cancellationToken)
        {
            return (await CreateOrAdoptAsync(resource, cancellationToken).NoContext()).Resource;
        }

        /// <summary>POST, telling a creation from an adoption: a server may answer a userName that exists with
        /// 200 and the existing resource instead of 409.</summary>
        public async Task<ScimCreateResult<T>> CreateOrAdoptAsync(T resource, CancellationToken cancellationToken)
        {
            var body = JsonSerializer.Serialize(resource, ScimJson.Options);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var response = await _transport.SendAsync(new ScimRequest(HttpMethod.Post, _collection, body, false),
                        cancellationToken).NoContext();
                    // 201 Created is a creation (RFC 7644 section 3.3); any other success handed back what was there.
                    return new ScimCreateResult<T>(Single(response.Read<T>("POST", _collection)), response.StatusCode != 201);
                }
                catch (ScimException ex) when (MayHaveBeenApplied(ex) && attempt <= 3)
                {
                    T? existing;
                    try
                    {
                        existing = await FindByNaturalKeyAsync(resource, cancellationToken).NoContext();
                    }
                    catch (ScimException lookup)
                    {
                        // Neither the create's answer nor the check for it arrived: the resource may exist or not.
                        throw new ScimException(ScimErrorKind.OutcomeUnknown, "POST", _collection, null, null,
                            "the create may have been applied (" + ex.Message + "), and looking for it failed too ("
                            + lookup.Message + ")", null, lookup);
                    }
                    if (existing != null)
                    {
                        return new ScimCreateResult<T>(existing, false);
                    }
                }
            }
        }

        public async Task<T> ReplaceAsync(T resource, CancellationToken cancellationToken)
        {
            var path = ResourcePath(resource.Id ?? throw new ArgumentException("A resource to replace needs its id.", nameof(resource)));
            var body = JsonSerializer.Serialize(resource, ScimJson.Options);
            var response = await _transport.SendAsync(new ScimRequest(HttpMethod.Put, path, body, true), cancellationToken)
                .NoContext();
            return Single(response.Read<T>("PUT", path));
        }

        /// <summary>Returns the updated resource, or null when the server answered 204 without a body. A single
        /// removal retried after a lost answer, and refused with noTarget, was done by the earlier attempt: null.</summary>
        public async Task<T?> PatchAsync(string id, ScimPatchRequest patch, CancellationToken cancellationToken)
        {
            var path = ResourcePath(id);
            var body = JsonSerializer.Serialize(patch, ScimJson.Options);
            var observer = new AttemptCounter();
            ScimResponse response;
            try
            {
                using (ScimObserverScope.Enter(observer.Chain(ScimObserverScope.Current)))
                {
                    response = await _transport.SendAsync(new ScimRequest(Patch, path, body, patch.IsIdempotent), cancellationToken)
                        .NoContext();
                }
            }
            catch (ScimException ex) when (ex.IsNoTarget && patch.IsSingleRemoval && observer.Attempts > 1)
            {
                return null;
            }
            if (response.StatusCode == 204 || response.Content.IsBlank)
            {
                return null;
            }
            return Single(response.Read<T>("PATCH", path));
        }

        /// <summary>DELETE. A 404 on a retried attempt means an earlier attempt succeeded and its
        /// response was lost, so it counts as done.</summary>
        public async Task DeleteAsync(string id, CancellationToken cancellationToken)
        {
            var path = ResourcePath(id);
            var observer = new AttemptCounter();
            try
            {
                using (ScimObserverScope.Enter(observer.Chain(ScimObserverScope.Current)))
                {
                    await _transport.SendAsync(new ScimRequest(HttpMethod.Delete, path, null, true), cancellationToken)
                        .NoContext();
                }
            }
            catch (ScimException ex) when (ex.Kind == ScimErrorKind.NotFound && observer.Attempts > 1)
            {
                return;
            }
        }

        private static bool MayHaveBeenApplied(ScimException ex)
        {
            return ex.Kind == ScimErrorKind.OutcomeUnknown
                || (ex.Kind == ScimErrorKind.ServerError && ex.StatusCode != 503)
                || ex.Kind == ScimErrorKind.Timeout;
        }

        private async Task<T?> FindByNaturalKeyAsync(T resource, CancellationToken cancellationToken)
        {
            var filter = _naturalKey(resource);
            if (filter == null)
            {
                return null;
            }
            var query = new ScimListQuery { Filter = filter, MaxItems = 2 };
            await foreach (var page in ListAsync(query, cancellationToken).NoContext())
            {
                return page.Resources.Count == 1 ? page.Resources[0] : null;
            }
            return null;
        }

        private async Task<ScimListResponse<T>> FetchPageAsync(ScimListQuery query, int startIndex, int count,
            CancellationToken cancellationToken)
        {
            var path = _collection + QueryString(query.Filter, startIndex, count, query.Attributes, query.ExcludedAttributes);
            var response = await _transport.SendAsync(new ScimRequest(HttpMethod.Get, path, null, true), cancellationToken)
                .NoContext();
            var page = response.Read<ScimListResponse<T>>("GET", path);
            var kind = query.Filter == null ? ScimReadKind.List : ScimReadKind.Filter;
            foreach (var resource in page.Resources ?? new List<T>())
            {
                if (resource != null)
                {
                    resource.ReadAs = kind;
                }
            }
            return page;
        }

        private static T Single(T resource)
        {
            resource.ReadAs = ScimReadKind.Single;
            return resource;
        }

        private string ResourcePath(string id)
        {
            return _collection + "/" + Uri.EscapeDataString(ResourceId.Check(id));
        }

        private static string QueryString(ScimFilter? filter, int? startIndex, int? count, IEnumerable<string>? attributes,
            IEnumerable<string>? excludedAttributes)
        {
            var parts = new List<string>();
            if (filter != null)
            {
                parts.Add("filter=" + Uri.EscapeDataString(filter.ToString()));
            }
            if (startIndex.HasValue)
            {
                parts.Add("startIndex=" + startIndex.Value);
            }
            if (count.HasValue)
            {
                parts.Add("count=" + count.Value);
            }
            var attributeList = attributes?.ToList();
            if (attributeList != null && attributeList.Count > 0)
            {
                parts.Add("attributes=" + Uri.EscapeDataString(string.Join(",", attributeList)));
            }
            var excludedList = excludedAttributes?.ToList();
            if (excludedList != null && excludedList.Count > 0)
            {
                parts.Add("excludedAttributes=" + Uri.EscapeDataString(string.Join(",", excludedList)));
            }
            return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
        }

        /// <summary>Counts the attempts of one request while passing each on to the caller's observer.</summary>
        private sealed class AttemptCounter : IScimRequestObserver
        {
            private IScimRequestObserver? _next;
            private int _attempts;

            public int Attempts => Volatile.Read(ref _attempts);

            public AttemptCounter Chain(IScimRequestObserver? next)
            {
                _next = next;
                return this;
            }

            public void OnRequestCompleted(ScimRequestRecord record)
            {
                Interlocked.Increment(ref _attempts);
                _next?.OnRequestCompleted(record);
            }
        }
    }

    /// <summary>What a POST gave back: the resource, and whether the server said it already existed.</summary>
    public sealed class ScimCreateResult<T> where T : ScimResource
    {
        public ScimCreateResult(T resource, bool adopted)
        {
            Resource = resource;
            Adopted = adopted;
        }

        public T Resource { get; }

        /// <summary>The server answered with an existing resource (200, not 201) instead of creating one.</summary>
        public bool Adopted { get; }
    }

    /// <summary>Checks an id before it becomes a URL segment: ids are opaque, but one that is empty,
    /// holds a slash or control character, or is a dot segment would address another resource.</summary>
    public static class ResourceId
    {
        public static string Check(string id)
        {
            if (!IsValid(id))
            {
                throw new ArgumentException("'" + id + "' is not a usable SCIM resource id.", nameof(id));
            }
            return id;
        }

        public static bool IsValid([NotNullWhen(true)] string? id)
        {
            if (string.IsNullOrWhiteSpace(id) || id == "." || id == "..")
            {
                return false;
            }
            return !id!.Any(c => c == '/' || c == '\\' || char.IsControl(c));
        }
    }
}
