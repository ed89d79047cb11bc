using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Models;

namespace ModeScim.Client.Lookups
{
    /// <summary>Finds the one user a piece of text names. Text is looked up as a userName (case-insensitive,
    /// RFC 7643), the lookup both IdPs make. It is tried as an id when no user has that userName, and also when
    /// it has no '@': Mode's userNames are email addresses, so only such text could be one user's userName and
    /// another's id, and then nothing may be assumed. A server that answers 400 or 500 to text it cannot parse
    /// as an id is saying "no such user".</summary>
    public sealed class ScimUserResolver
    {
        private readonly ScimClient _client;
        private readonly ScimUserLookup _lookup;

        // Filled once by PrefetchAsync, before any resolution runs; only read afterwards, from any thread.
        private Dictionary<string, ScimUser> _byId = new Dictionary<string, ScimUser>(StringComparer.Ordinal);
        private Dictionary<string, ScimUser> _byUserName = new Dictionary<string, ScimUser>(StringComparer.OrdinalIgnoreCase);

        public ScimUserResolver(ScimClient client)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _lookup = new ScimUserLookup(client);
        }

        /// <summary>Reads many users at once (id filters and userName filters in batches, where the server takes them; else
        /// the cheaper of single reads and one listing), so that resolving each of them afterwards sends no request. Only
        /// what was found is kept: a name or id not found is resolved as before, one request at a time, since finding
        /// nobody in a batch is not proof enough (a listing may leave users out). Call it before any resolution.</summary>
        public async Task PrefetchAsync(IEnumerable<string> ids, IEnumerable<string> userNames, CancellationToken cancellationToken)
        {
            var idList = ids.Where(ResourceId.IsValid).Distinct(StringComparer.Ordinal).ToList();
            // Only names with '@': text without one may also be an id, which a single resolution checks.
            var nameList = userNames.Where(n => n.IndexOf('@') >= 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            _byId = idList.Count > 1 ? await _lookup.ByIdAsync(idList, cancellationToken).NoContext() : _byId;
            _byUserName = nameList.Count > 1 ? await _lookup.ByUserNameAsync(nameList, cancellationToken).NoContext() : _byUserName;
        }

        /// <summary>The user with this id as the server has it now (an object in hand may be stale).</summary>
        public async Task<ScimUserResolution> ResolveIdAsync(string id, CancellationToken cancellationToken)
        {
            if (_byId.TryGetValue(id, out var prefetched))
            {
                return ScimUserResolution.Found(prefetched);
            }
            var user = await _client.Users.FindAsync(id, cancellationToken).NoContext();
            return user == null ? ScimUserResolution.NotFound() : ScimUserResolution.Found(user);
        }

        /// <summary>The user a userName or id names; ambiguous when it is one user's userName and another's id.</summary>
        public async Task<ScimUserResolution> ResolveTextAsync(string text, CancellationToken cancellationToken)
        {
            // A prefetched userName holds an '@', so it is no other user's id: found, as a single lookup would find it.
            if (_byUserName.TryGetValue(text, out var prefetched))
            {
                return ScimUserResolution.Found(prefetched);
            }
            var byUserName = await _lookup.FindByUserNameAsync(text, cancellationToken).NoContext();
            var mayAlsoBeId = byUserName == null || text.IndexOf('@') < 0;
            var byId = mayAlsoBeId ? await _lookup.ProbeIdAsync(text, cancellationToken).NoContext() : null;
            if (byUserName != null && byId != null && byUserName.Id != byId.Id)
            {
                return ScimUserResolution.Ambiguous(byUserName, byId);
            }
            var found = byUserName ?? byId;
            return found == null ? ScimUserResolution.NotFound() : ScimUserResolution.Found(found);
        }

        /// <summary>The user whose userName this is, regardless of case, or null.</summary>
        public Task<ScimUser?> FindByUserNameAsync(string userName, CancellationToken cancellationToken)
        {
            return _lookup.FindByUserNameAsync(userName, cancellationToken);
        }
    }
}
