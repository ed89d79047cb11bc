using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Identity
{
    /// <summary>Finds the one group an identity names, in a single request where it can: a piped group by its
    /// id, a string by displayName (case-insensitive) and, only when no group has that name, as an id.</summary>
    internal sealed class GroupResolver
    {
        /// <summary>The excludedAttributes of a group read for its name and id only: members can be thousands.</summary>
        public static readonly IReadOnlyList<string> ExcludeMembers = new[] { "members" };

        private readonly ScimClient _client;
        private readonly bool _withMembers;

        public GroupResolver(ScimClient client, bool withMembers)
        {
            _client = client;
            _withMembers = withMembers;
        }

        public async Task<ScimGroup?> ResolveAsync(ModeGroupIdentity identity, CancellationToken cancellationToken)
        {
            if (identity.Group != null && ResourceId.IsValid(identity.Group.Id))
            {
                return await FindByIdAsync(identity.Group.Id, cancellationToken).ConfigureAwait(false);
            }
            var text = identity.Text!;
            var byName = await new ScimGroupLookup(_client).FindByDisplayNameAsync(text, _withMembers, cancellationToken)
                .ConfigureAwait(false);
            if (byName != null)
            {
                return byName;
            }
            // Text that is no group's name may be an id; a server that cannot parse it as one may say 400 or 500.
            return await _client.Groups.ProbeAsync(text, cancellationToken, _withMembers ? null : ExcludeMembers)
                .ConfigureAwait(false);
        }

        private async Task<ScimGroup?> FindByIdAsync(string id, CancellationToken cancellationToken)
        {
            try
            {
                return await _client.Groups.GetAsync(id, cancellationToken, _withMembers ? null : ExcludeMembers)
                    .ConfigureAwait(false);
            }
            catch (ScimException ex) when (ex.Kind == ScimErrorKind.NotFound)
            {
                return null;
            }
        }
    }
}
