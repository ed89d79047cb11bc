using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Models;
using ModeScim.Client.Patching;

namespace ModeScim.PowerShell.Users
{
    /// <summary>Applies a change to a user: as a PATCH where the server supports it, else as a PUT of the
    /// current resource with the change applied (read just before, so nothing else is lost).</summary>
    internal sealed class UserUpdater
    {
        private readonly ScimClient _client;
        private readonly bool _patchSupported;

        public UserUpdater(ScimClient client, bool patchSupported)
        {
            _client = client;
            _patchSupported = patchSupported;
        }

        public Task<ScimUser> SetActiveAsync(ScimUser user, bool active, CancellationToken cancellationToken)
        {
            var change = new UserChange();
            change.SetActive(active);
            return ApplyAsync(user, change, cancellationToken);
        }

        /// <summary>Returns the user as the server has it afterwards.</summary>
        public async Task<ScimUser> ApplyAsync(ScimUser user, UserChange change, CancellationToken cancellationToken)
        {
            if (_patchSupported)
            {
                var patched = await _client.Users.PatchAsync(user.Id!, change.ToPatch(user), cancellationToken).ConfigureAwait(false);
                return patched ?? await _client.Users.GetAsync(user.Id!, cancellationToken).ConfigureAwait(false);
            }
            var current = await _client.Users.GetAsync(user.Id!, cancellationToken).ConfigureAwait(false);
            change.ApplyTo(current);
            // Read-only and server-managed attributes are not the client's to send.
            current.Groups = null;
            current.Meta = null;
            return await _client.Users.ReplaceAsync(current, cancellationToken).ConfigureAwait(false);
        }
    }
}
