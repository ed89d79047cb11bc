using System.Collections.Generic;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Models;

namespace ModeScim.Client.Memberships
{
    /// <summary>What a user's own "groups" attribute shows, as far as the server has been seen to tell the truth there.</summary>
    public static class ScimUserGroups
    {
        private static readonly IReadOnlyList<ScimMultiValue> None = new ScimMultiValue[0];

        /// <summary>The user's groups as the response it came in shows them, or null where that response cannot be taken to
        /// show them: the server's "groups" is not known to be true, or the attribute is missing from a kind of response
        /// (a listing, a lookup) not seen to carry it. Groups the attribute names are taken unless it is known to be untrue.</summary>
        public static IReadOnlyList<ScimMultiValue>? Shown(ScimUser user, ScimServerCapabilities capabilities)
        {
            var groups = user.Groups;
            if (groups != null && groups.Count > 0)
            {
                return capabilities.MayUse(ScimCapability.UserGroups) ? groups : null;
            }
            if (capabilities[ScimCapability.UserGroups] != ScimSupport.Supported)
            {
                return null;
            }
            if (groups != null)
            {
                return groups;
            }
            // RFC 7643 lets a server leave out an empty list: absence means none only where that kind of response is
            // known to carry the attribute.
            var carrier = PresenceCapability(user.ReadAs);
            if (user.ReadAs == ScimReadKind.Single || (carrier != null && capabilities[carrier.Value] == ScimSupport.Supported))
            {
                return None;
            }
            return null;
        }

        /// <summary>The capability that says whether a kind of response carries "groups"; null for a read by id (the probe
        /// checks those) and for a user not read from a server.</summary>
        internal static ScimCapability? PresenceCapability(ScimReadKind kind)
        {
            switch (kind)
            {
                case ScimReadKind.List:
                    return ScimCapability.UserGroupsInLists;
                case ScimReadKind.Filter:
                    return ScimCapability.UserGroupsInFilters;
                default:
                    return null;
            }
        }
    }
}
