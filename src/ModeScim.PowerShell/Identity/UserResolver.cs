using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Identity
{
    /// <summary>Finds the one user an identity names. A string is looked up as a userName (case-insensitive,
    /// RFC 7643), the lookup both IdPs make. It is tried as an id when no user has that userName, and also when
    /// it has no '@': Mode's userNames are email addresses, so only such text could be one user's userName and
    /// another's id, and then nothing may be assumed. A server that answers 400 or 500 to text it cannot parse
    /// as an id is saying "no such user".</summary>
    internal sealed class UserResolver
    {
        private readonly ScimClient _client;
        private readonly ScimUserLookup _lookup;

        public UserResolver(ScimClient client)
        {
            _client = client;
            _lookup = new ScimUserLookup(client);
        }

        public async Task<UserResolution> ResolveAsync(ModeUserIdentity identity, CancellationToken cancellationToken)
        {
            if (identity.User != null && ResourceId.IsValid(identity.User.Id))
            {
                var byObject = await _client.Users.FindAsync(identity.User.Id, cancellationToken).ConfigureAwait(false);
                return byObject == null ? UserResolution.NotFound() : UserResolution.Found(byObject);
            }
            var text = identity.Text!;
            var byUserName = await _lookup.FindByUserNameAsync(text, cancellationToken).ConfigureAwait(false);
            var mayAlsoBeId = byUserName == null || text.IndexOf('@') < 0;
            var byId = mayAlsoBeId ? await _lookup.ProbeIdAsync(text, cancellationToken).ConfigureAwait(false) : null;
            if (byUserName != null && byId != null && byUserName.Id != byId.Id)
            {
                return UserResolution.Ambiguous(byUserName, byId);
            }
            var found = byUserName ?? byId;
            return found == null ? UserResolution.NotFound() : UserResolution.Found(found);
        }

        /// <summary>The user whose userName this is, regardless of case, or null.</summary>
        public Task<ScimUser?> FindByUserNameAsync(string userName, CancellationToken cancellationToken)
        {
            return _lookup.FindByUserNameAsync(userName, cancellationToken);
        }
    }

    internal sealed class UserResolution
    {
        private UserResolution(ScimUser? user, ScimUser? byUserName, ScimUser? byId)
        {
            User = user;
            ByUserName = byUserName;
            ById = byId;
        }

        public ScimUser? User { get; }

        public ScimUser? ByUserName { get; }

        public ScimUser? ById { get; }

        public bool IsAmbiguous => ByUserName != null && ById != null;

        public static UserResolution Found(ScimUser user) => new UserResolution(user, null, null);

        public static UserResolution NotFound() => new UserResolution(null, null, null);

        public static UserResolution Ambiguous(ScimUser byUserName, ScimUser byId) => new UserResolution(null, byUserName, byId);
    }
}
