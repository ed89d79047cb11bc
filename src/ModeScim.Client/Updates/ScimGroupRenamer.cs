using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Models;
using ModeScim.Client.Patching;

namespace ModeScim.Client.Updates
{
    /// <summary>Renames a group the way the server takes it: a PATCH of displayName, or, on a server known to refuse PATCH
    /// (learned from users: servers built for Okta take PUT only), a PUT of the whole group, members included, so that
    /// none is lost.</summary>
    public sealed class ScimGroupRenamer
    {
        private static readonly string[] WithoutMembers = { "members" };

        private readonly ScimClient _client;

        public ScimGroupRenamer(ScimClient client)
        {
            _client = client;
        }

        /// <summary>True when the rename is a PUT: the group passed to <see cref="RenameAsync"/> must then be read with its
        /// members.</summary>
        public bool NeedsWholeGroup => !_client.Capabilities.MayUse(ScimCapability.UserPatch);

        /// <summary>The group as the server has it afterwards; read again only when <paramref name="reread"/> and the
        /// server answered without a body.</summary>
        public async Task<ScimGroup?> RenameAsync(ScimGroup group, string newName, bool reread, CancellationToken cancellationToken)
        {
            ScimGroup? renamed;
            if (NeedsWholeGroup)
            {
                group.DisplayName = newName;
                group.Meta = null;
                renamed = await _client.Groups.ReplaceAsync(group, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var patch = new ScimPatchBuilder().Replace("displayName", newName).Build();
                renamed = await _client.Groups.PatchAsync(group.Id!, patch, cancellationToken).ConfigureAwait(false);
            }
            if (renamed == null && reread)
            {
                renamed = await _client.Groups.GetAsync(group.Id!, cancellationToken, WithoutMembers).ConfigureAwait(false);
            }
            return renamed;
        }
    }
}
