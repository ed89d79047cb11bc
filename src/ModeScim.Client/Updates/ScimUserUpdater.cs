using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Models;
using ModeScim.Client.Patching;

namespace ModeScim.Client.Updates
{
    /// <summary>Applies a change to a user: as a PATCH where the server takes one, else as a PUT of the current
    /// resource with the change applied (read just before, so nothing else is lost), the way Okta updates
    /// profiles. A server that answers PATCH on Users with 405 or 501 is learned to be a PUT server; one that
    /// refuses the filtered email path gets the whole email list instead. Neither refusal changed anything, so
    /// the change is simply made again the other way.</summary>
    public sealed class ScimUserUpdater
    {
        private readonly ScimClient _client;

        public ScimUserUpdater(ScimClient client)
        {
            _client = client;
        }

        private ScimServerCapabilities Capabilities => _client.Capabilities;

        /// <summary>False once the server is known to refuse PATCH on users: changes are then a PUT of the whole user.</summary>
        public bool UsesPatch => Capabilities.MayUse(ScimCapability.UserPatch);

        /// <param name="reread">False when the caller does not use the result: a server that answers PATCH with a
        /// bare 204 then costs no extra GET, and the user passed in comes back.</param>
        public Task<ScimUser> SetActiveAsync(ScimUser user, bool active, CancellationToken cancellationToken, bool reread = true)
        {
            var change = new ScimUserChange();
            change.SetActive(active);
            return ApplyAsync(user, change, cancellationToken, reread);
        }

        /// <summary>Returns the user as the server has it afterwards (unless <paramref name="reread"/> is false and
        /// the server sent no body). An answer that shows <c>active</c> unchanged is not success: the pathless form Okta
        /// sends is tried (and learned), and where that does not take either, ChangeNotApplied. A bare 204 to a change of
        /// <c>active</c> is read back, one GET: a leaver must never be reported offboarded while still active.</summary>
        public async Task<ScimUser> ApplyAsync(ScimUser user, ScimUserChange change, CancellationToken cancellationToken,
            bool reread = true)
        {
            while (Capabilities.MayUse(ScimCapability.UserPatch))
            {
                var valuePaths = Capabilities.MayUse(ScimCapability.PatchValuePaths);
                try
                {
                    var pathless = change.Active.HasValue && change.ChangedAttributes.Count() == 1
                        && Capabilities[ScimCapability.PathlessActive] == ScimSupport.Supported;
                    var patch = pathless ? PathlessActive(change.Active!.Value) : change.ToPatch(user, valuePaths);
                    var patched = await _client.Users.PatchAsync(user.Id!, patch, cancellationToken).NoContext();
                    Capabilities.Learn(ScimCapability.UserPatch, true);
                    LearnWhatAnswersShow(patched, change);
                    if (valuePaths && change.UsesValuePath(user))
                    {
                        Capabilities.Learn(ScimCapability.PatchValuePaths, true);
                    }
                    if (patched == null && change.Active.HasValue)
                    {
                        patched = await _client.Users.GetAsync(user.Id!, cancellationToken).NoContext();
                    }
                    if (Kept(patched, change))
                    {
                        patched = pathless ? throw NotApplied("PATCH", user, change.Active!.Value)
                            : await SetActivePathlessAsync(user, change.Active!.Value, cancellationToken).NoContext();
                    }
                    if (patched != null || !reread)
                    {
                        return patched ?? user;
                    }
                    return await _client.Users.GetAsync(user.Id!, cancellationToken).NoContext();
                }
                catch (ScimException ex) when (ex.StatusCode == 405 || ex.StatusCode == 501)
                {
                    Capabilities.Learn(ScimCapability.UserPatch, false);
                }
                catch (ScimException ex) when (ex.IsUnsupportedForm && valuePaths && change.UsesValuePath(user))
                {
                    Capabilities.Learn(ScimCapability.PatchValuePaths, false);
                }
            }
            var current = await _client.Users.GetAsync(user.Id!, cancellationToken).NoContext();
            change.ApplyTo(current);
            // Read-only and server-managed attributes are not the client's to send.
            current.Groups = null;
            current.Meta = null;
            var replaced = await _client.Users.ReplaceAsync(current, cancellationToken).NoContext();
            if (Kept(replaced, change))
            {
                throw NotApplied("PUT", user, change.Active!.Value);
            }
            return replaced;
        }

        /// <summary>The answer shows <c>active</c> as it was, though the change set it otherwise.</summary>
        private static bool Kept(ScimUser? answer, ScimUserChange change) =>
            change.Active.HasValue && answer?.Active != null && answer.Active != change.Active;

        private async Task<ScimUser?> SetActivePathlessAsync(ScimUser user, bool active, CancellationToken cancellationToken)
        {
            if (Capabilities[ScimCapability.PathlessActive] != ScimSupport.Unsupported)
            {
                var answer = await _client.Users.PatchAsync(user.Id!, PathlessActive(active), cancellationToken).NoContext()
                    ?? await _client.Users.GetAsync(user.Id!, cancellationToken).NoContext();
                if (answer.Active == null || answer.Active == active)
                {
                    Capabilities.Learn(ScimCapability.PathlessActive, true);
                    return answer;
                }
                Capabilities.Learn(ScimCapability.PathlessActive, false);
            }
            throw NotApplied("PATCH", user, active);
        }

        private static ScimPatchRequest PathlessActive(bool active) =>
            new ScimPatchBuilder().ReplaceAttributes(new Dictionary<string, object?> { ["active"] = active }).Build();

        /// <summary>An answer to a PATCH that set names is read for them: one without them says the server does not return
        /// what it stores, and a nightly comparison would otherwise see every user changed every night.</summary>
        private void LearnWhatAnswersShow(ScimUser? answer, ScimUserChange change)
        {
            if (answer == null)
            {
                return;
            }
            if (change.GivenName != null || change.FamilyName != null)
            {
                Capabilities.Learn(ScimCapability.UserNameShown, answer.Name != null);
            }
            if (change.DisplayName != null)
            {
                Capabilities.Learn(ScimCapability.UserDisplayNameShown, answer.DisplayName != null);
            }
        }

        private static ScimException NotApplied(string method, ScimUser user, bool active) =>
            new ScimException(ScimErrorKind.ChangeNotApplied, method, "Users/" + user.Id, 200, null,
                "the server answered the change of active to " + (active ? "true" : "false") + " for " + user.UserName
                + ", but its answer still says active: " + (active ? "false" : "true"));
    }
}
