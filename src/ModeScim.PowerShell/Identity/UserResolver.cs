using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Identity
{
    /// <summary>Finds the one user an identity names. A string is looked up as a userName (case-insensitive,
    /// RFC 7643) and as an id; when those are two different users nothing may be assumed.</summary>
    internal sealed class UserResolver
    {
        private readonly ScimClient _client;

        public UserResolver(ScimClient client)
        {
            _client = client;
        }

        public async Task<UserResolution> ResolveAsync(ModeUserIdentity identity, CancellationToken cancellationToken)
        {
            if (identity.User != null && ResourceId.IsValid(identity.User.Id))
            {
                var byObject = await _client.Users.FindAsync(identity.User.Id, cancellationToken).ConfigureAwait(false);
                return byObject == null ? UserResolution.NotFound() : UserResolution.Found(byObject);
            }
            var text = identity.Text!;
            var byUserName = await FindByUserNameAsync(text, cancellationToken).ConfigureAwait(false);
            var byId = ResourceId.IsValid(text) ? await _client.Users.FindAsync(text, cancellationToken).ConfigureAwait(false) : null;
            if (byUserName != null && byId != null && byUserName.Id != byId.Id)
            {
                return UserResolution.Ambiguous(byUserName, byId);
            }
            var found = byUserName ?? byId;
            return found == null ? UserResolution.NotFound() : UserResolution.Found(found);
        }

        /// <summary>The user whose userName this is, regardless of case, or null.</summary>
        public async Task<ScimUser?> FindByUserNameAsync(string userName, CancellationToken cancellationToken)
        {
            var query = new ScimListQuery { Filter = ScimFilter.Equal("userName", userName), MaxItems = 2 };
            await foreach (var page in _client.Users.ListAsync(query, cancellationToken).ConfigureAwait(false))
            {
                foreach (var user in page.Resources)
                {
                    // Trust but verify: a server that ignores the filter must not hand back someone else.
                    if (string.Equals(user.UserName, userName, System.StringComparison.OrdinalIgnoreCase))
                    {
                        return user;
                    }
                }
                break;
            }
            return null;
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
