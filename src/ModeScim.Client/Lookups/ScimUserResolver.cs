using System;
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

        public ScimUserResolver(ScimClient client)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _lookup = new ScimUserLookup(client);
        }

        /// <summary>The user with this id as the server has it now (an object in hand may be stale).</summary>
        public async Task<ScimUserResolution> ResolveIdAsync(string id, CancellationToken cancellationToken)
        {
            var user = await _client.Users.FindAsync(id, cancellationToken).NoContext();
            return user == null ? ScimUserResolution.NotFound() : ScimUserResolution.Found(user);
        }

        /// <summary>The user a userName or id names; ambiguous when it is one user's userName and another's id.</summary>
        public async Task<ScimUserResolution> ResolveTextAsync(string text, CancellationToken cancellationToken)
        {
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
