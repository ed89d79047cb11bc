using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;

namespace ModeScim.Client.Lookups
{
    /// <summary>Finds users by userName or id with the fewest requests the server allows. Where the server
    /// takes "or", many names go in one filter; where it refuses, each is looked up alone, concurrently (the
    /// client's request limit bounds them). A value holding a quote or backslash, on a server that refuses
    /// escapes, is found on a paged listing with an exact match here. What the server refuses is learned on
    /// the client's capabilities the first time, and the read is redone the fallback way.</summary>
    public sealed class ScimUserLookup
    {
        private readonly ScimClient _client;
        private readonly int _maxPerRequest;

        public ScimUserLookup(ScimClient client, int? serverMaxResults = null)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _maxPerRequest = Math.Max(1, Math.Min(100, serverMaxResults ?? 100));
        }

        private ScimServerCapabilities Capabilities => _client.Capabilities;

        /// <summary>The user whose userName this is, regardless of case, or null.</summary>
        public async Task<ScimUser?> FindByUserNameAsync(string userName, CancellationToken cancellationToken)
        {
            var found = await ByUserNameAsync(new[] { userName }, cancellationToken).NoContext();
            return found.TryGetValue(userName, out var user) ? user : null;
        }

        /// <summary>The users with these userNames, keyed case-insensitively. Names nobody has are absent.</summary>
        public async Task<Dictionary<string, ScimUser>> ByUserNameAsync(IEnumerable<string> userNames, CancellationToken cancellationToken)
        {
            var wanted = new HashSet<string>(userNames.Where(n => !string.IsNullOrEmpty(n)), StringComparer.OrdinalIgnoreCase);
            var found = new Dictionary<string, ScimUser>(StringComparer.OrdinalIgnoreCase);
            var plain = wanted.Where(n => !NeedsEscapes(n)).ToList();
            var escaped = wanted.Where(NeedsEscapes).ToList();

            var reads = new List<Task<List<ScimUser>>>();
            var useOr = plain.Count > 1 && Capabilities.MayUse(ScimCapability.OrFilter);
            var chunks = useOr
                ? FilterChunker.Chunk("userName", plain, _maxPerRequest).ToList()
                : new List<(ScimFilter Filter, List<string> Values)>();
            if (chunks.Count > 0 && plain.Count > SingleLookupsBeforeAListing
                && Capabilities[ScimCapability.OrFilter] == ScimSupport.Unknown)
            {
                // Learn from the first batch whether the server takes "or" before sending the rest: where it does
                // not, the rest may be cheaper as one listing than as one lookup per name.
                var first = chunks[0];
                var probed = await TryBatchAsync(ScimCapability.OrFilter, first.Filter, first.Values.Count, cancellationToken)
                    .NoContext();
                if (probed != null)
                {
                    Keep(probed, wanted, found);
                    chunks.RemoveAt(0);
                }
                else
                {
                    useOr = false;
                }
            }
            // A probe that answered every name leaves no chunk, and nothing more to ask.
            if (useOr)
            {
                reads.AddRange(chunks.Select(c => OrChunkAsync(c.Filter, c.Values, cancellationToken)));
            }
            else if (plain.Count > SingleLookupsBeforeAListing
                && await ListingIsCheaperAsync(plain.Count, cancellationToken).NoContext())
            {
                // Without "or", many names cost one request each; a listing costs one per page of the whole workspace.
                var set = new HashSet<string>(plain, StringComparer.OrdinalIgnoreCase);
                reads.Add(ScanAsync(u => u.UserName != null && set.Contains(u.UserName), cancellationToken));
            }
            else
            {
                reads.AddRange(plain.Select(name => SingleAsync("userName", name, cancellationToken)));
            }
            reads.AddRange(escaped.Select(name => EscapedSingleAsync(name, cancellationToken)));
            foreach (var users in await Task.WhenAll(reads).NoContext())
            {
                Keep(users, wanted, found);
            }

            // What the server could not be asked for by filter is matched on one listing for all of them.
            var unasked = escaped.Where(n => !found.ContainsKey(n) && !Capabilities.MayUse(ScimCapability.FilterEscapes)).ToList();
            if (unasked.Count > 0)
            {
                var set = new HashSet<string>(unasked, StringComparer.OrdinalIgnoreCase);
                Keep(await ScanAsync(u => u.UserName != null && set.Contains(u.UserName), cancellationToken).NoContext(),
                    set, found);
            }
            return found;
        }

        /// <summary>Below this many names, single lookups are made without first asking how big the workspace is.</summary>
        private const int SingleLookupsBeforeAListing = 20;

        /// <summary>True when listing every user takes fewer requests than one lookup per name (one request to ask).</summary>
        private async Task<bool> ListingIsCheaperAsync(int names, CancellationToken cancellationToken)
        {
            var probe = new ScimListQuery { MaxItems = 1, PageSize = 1 };
            await foreach (var page in _client.Users.ListAsync(probe, cancellationToken).NoContext())
            {
                if (page.TotalResults.HasValue)
                {
                    var pages = (page.TotalResults.Value + _client.Options.PageSize - 1) / _client.Options.PageSize;
                    return pages + 1 < names;
                }
                break;
            }
            return false;
        }

        /// <summary>The users with these ids. One id is one GET; many go in "id eq" filters where the server
        /// takes them; where it refuses them, the cheaper of one GET each (concurrently) and one listing of every user,
        /// decided from the workspace's count (a 5,000-member group in a 20,000-user workspace: 201 requests, not 5,000).</summary>
        public async Task<Dictionary<string, ScimUser>> ByIdAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
        {
            var wanted = new HashSet<string>(ids.Where(ResourceId.IsValid), StringComparer.Ordinal);
            var found = new Dictionary<string, ScimUser>(StringComparer.Ordinal);
            var reads = new List<List<ScimUser>>();
            var batched = wanted.Count > 1 && Capabilities.MayUse(ScimCapability.IdFilter) && Capabilities.MayUse(ScimCapability.OrFilter);
            if (batched)
            {
                var chunks = FilterChunker.Chunk("id", wanted, _maxPerRequest).ToList();
                if (wanted.Count > SingleLookupsBeforeAListing && (Capabilities[ScimCapability.IdFilter] == ScimSupport.Unknown
                    || Capabilities[ScimCapability.OrFilter] == ScimSupport.Unknown))
                {
                    // Learn from the first batch whether the server takes the filter before sending the rest: where it does
                    // not, the rest may be cheaper as one listing than as one GET per id.
                    var probed = await TryBatchAsync(ScimCapability.IdFilter, chunks[0].Filter, chunks[0].Values.Count, cancellationToken)
                        .NoContext();
                    batched = probed != null;
                    if (probed != null)
                    {
                        reads.Add(probed);
                        chunks.RemoveAt(0);
                    }
                }
                if (batched)
                {
                    reads.AddRange(await Task.WhenAll(chunks.Select(c => IdChunkAsync(c.Filter, c.Values, cancellationToken))).NoContext());
                }
            }
            if (!batched)
            {
                reads.AddRange(await EachOrListingAsync(wanted, cancellationToken).NoContext());
            }
            foreach (var user in reads.SelectMany(r => r).Where(u => u.Id != null && wanted.Contains(u.Id)))
            {
                found[user.Id!] = user;
            }
            return found;
        }

        /// <summary>Ids read without a filter: one GET each, or, when that costs more, one listing, and then a GET for each
        /// id the listing did not show (a server may leave some users out of its listings: absent there is not absent).</summary>
        private async Task<List<ScimUser>[]> EachOrListingAsync(HashSet<string> wanted, CancellationToken cancellationToken)
        {
            if (wanted.Count <= SingleLookupsBeforeAListing || !await ListingIsCheaperAsync(wanted.Count, cancellationToken).NoContext())
            {
                return await Task.WhenAll(wanted.Select(id => GetByIdAsync(id, cancellationToken))).NoContext();
            }
            var listed = await ScanAsync(u => u.Id != null && wanted.Contains(u.Id), cancellationToken).NoContext();
            var shown = new HashSet<string>(listed.Select(u => u.Id!), StringComparer.Ordinal);
            var missing = await Task.WhenAll(wanted.Where(id => !shown.Contains(id)).Select(id => GetByIdAsync(id, cancellationToken)))
                .NoContext();
            return new[] { listed }.Concat(missing).ToArray();
        }

        /// <summary>Text tried as an id. A server that cannot parse it may answer 400 or 500 instead of 404:
        /// each means "no user has this id", and a 500 here is not retried as an outage would be.</summary>
        public Task<ScimUser?> ProbeIdAsync(string text, CancellationToken cancellationToken)
        {
            return _client.Users.ProbeAsync(text, cancellationToken);
        }

        /// <summary>Every user the predicate accepts, from a paged listing.</summary>
        public async Task<List<ScimUser>> ScanAsync(Func<ScimUser, bool> predicate, CancellationToken cancellationToken)
        {
            var matches = new List<ScimUser>();
            await foreach (var page in _client.Users.ListAsync(new ScimListQuery(), cancellationToken).NoContext())
            {
                matches.AddRange(page.Resources.Where(predicate));
            }
            return matches;
        }

        /// <summary>True when the value cannot be written in a filter without escapes.</summary>
        public static bool NeedsEscapes(string value)
        {
            return ScimFilter.Quote(value).Length != value.Length + 2;
        }

        // A chunk of one holds no "or": it says nothing about the server's support for it.
        private Task<List<ScimUser>> OrChunkAsync(ScimFilter filter, List<string> names, CancellationToken cancellationToken)
        {
            return names.Count == 1
                ? SingleAsync("userName", names[0], cancellationToken)
                : BatchElseEachAsync(ScimCapability.OrFilter, filter, names,
                    name => SingleAsync("userName", name, cancellationToken), cancellationToken);
        }

        // "or" may be the part refused, but reading by id needs neither: the narrower fact is learned.
        private Task<List<ScimUser>> IdChunkAsync(ScimFilter filter, List<string> ids, CancellationToken cancellationToken)
        {
            return BatchElseEachAsync(ScimCapability.IdFilter, filter, ids, id => GetByIdAsync(id, cancellationToken), cancellationToken);
        }

        /// <summary>One filtered read in a form the server may refuse ("or", "id eq", escapes): the users, or null
        /// when it refused the form.
        /// Either answer is learned.</summary>
        private async Task<List<ScimUser>?> TryBatchAsync(ScimCapability form, ScimFilter filter, int count,
            CancellationToken cancellationToken)
        {
            try
            {
                var users = await ListAsync(filter, count, cancellationToken).NoContext();
                Capabilities.Learn(form, true);
                return users;
            }
            catch (ScimException ex) when (ex.IsUnsupportedForm)
            {
                Capabilities.Learn(form, false);
                return null;
            }
        }

        /// <summary>One filtered read for the whole chunk; if the server refuses the form, that is learned and each
        /// value is read alone (concurrently; the client's request limit bounds them).</summary>
        private async Task<List<ScimUser>> BatchElseEachAsync(ScimCapability form, ScimFilter filter, List<string> values,
            Func<string, Task<List<ScimUser>>> readOne, CancellationToken cancellationToken)
        {
            var batch = Capabilities.MayUse(form)
                ? await TryBatchAsync(form, filter, values.Count, cancellationToken).NoContext()
                : null;
            if (batch != null)
            {
                return batch;
            }
            var singles = await Task.WhenAll(values.Select(readOne)).NoContext();
            return singles.SelectMany(s => s).ToList();
        }

        private async Task<List<ScimUser>> EscapedSingleAsync(string name, CancellationToken cancellationToken)
        {
            if (!Capabilities.MayUse(ScimCapability.FilterEscapes))
            {
                return new List<ScimUser>();
            }
            // Refused: the name is found on the listing ByUserNameAsync makes for every name that could not be asked for.
            return await TryBatchAsync(ScimCapability.FilterEscapes, ScimFilter.Equal("userName", name), 2, cancellationToken)
                .NoContext() ?? new List<ScimUser>();
        }

        private async Task<List<ScimUser>> GetByIdAsync(string id, CancellationToken cancellationToken)
        {
            var user = await _client.Users.FindAsync(id, cancellationToken).NoContext();
            return user == null ? new List<ScimUser>() : new List<ScimUser> { user };
        }

        private Task<List<ScimUser>> SingleAsync(string attribute, string value, CancellationToken cancellationToken)
        {
            return ListAsync(ScimFilter.Equal(attribute, value), 2, cancellationToken);
        }

        private async Task<List<ScimUser>> ListAsync(ScimFilter filter, int expected, CancellationToken cancellationToken)
        {
            var users = new List<ScimUser>();
            // Each name matches at most one user: a server that ignores the filter is not read to the end.
            var query = new ScimListQuery { Filter = filter, PageSize = expected, MaxItems = expected, Concurrency = 1 };
            await foreach (var page in _client.Users.ListAsync(query, cancellationToken).NoContext())
            {
                users.AddRange(page.Resources);
            }
            return users;
        }

        // Only exact matches count: a server that ignores the filter must not hand back someone else.
        private static void Keep(IEnumerable<ScimUser> users, HashSet<string> wanted, Dictionary<string, ScimUser> found)
        {
            foreach (var user in users)
            {
                if (user.UserName != null && wanted.Contains(user.UserName))
                {
                    found[user.UserName] = user;
                }
            }
        }
    }
}
