using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Identity
{
    /// <summary>Finds the one group an identity names, in a single request where it can: a piped group by its
    /// id, a string by displayName (case-insensitive) and, only when no group has that name, as an id.</summary>
    internal sealed class GroupResolver
    {
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
            var query = new ScimListQuery { Filter = ScimFilter.Equal("displayName", text), MaxItems = 2 };
            if (!_withMembers)
            {
                query.ExcludedAttributes.Add("members");
            }
            await foreach (var page in _client.Groups.ListAsync(query, cancellationToken).ConfigureAwait(false))
            {
                foreach (var group in page.Resources)
                {
                    if (string.Equals(group.DisplayName, text, System.StringComparison.OrdinalIgnoreCase))
                    {
                        return group;
                    }
                }
                break;
            }
            return ResourceId.IsValid(text) ? await FindByIdAsync(text, cancellationToken).ConfigureAwait(false) : null;
        }

        private async Task<ScimGroup?> FindByIdAsync(string id, CancellationToken cancellationToken)
        {
            try
            {
                return await _client.Groups.GetAsync(id, cancellationToken, _withMembers ? null : new[] { "members" }).ConfigureAwait(false);
            }
            catch (ScimException ex) when (ex.Kind == ScimErrorKind.NotFound)
            {
                return null;
            }
        }
    }
}
