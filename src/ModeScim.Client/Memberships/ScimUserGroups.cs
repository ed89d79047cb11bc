using System.Collections.Generic;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Models;

namespace ModeScim.Client.Memberships
{
    /// <summary>What a user's own "groups" attribute shows, as far as the server has been seen to tell the truth there.</summary>
    public static class ScimUserGroups
    {
        /// <summary>The user's groups as the response it came in shows them, or null where that response cannot be taken to
        /// show them: the server's "groups" is not known to be true, or the user shows none in a kind of response (a
        /// listing, a lookup) not yet seen naming anyone's groups. Groups the attribute names are taken unless it is known
        /// to be untrue.</summary>
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
            // A missing "groups" is never "none", whatever response it came in: RFC 7643 lets a server leave out an empty
            // list, but a server may leave out a long one as well (as a group may its members). An empty list means none
            // on a read by id (what the probe checked), and in a listing or a lookup only where that kind of response has
            // been seen naming someone's groups: a server may trim lists and still tell the truth on a read by id.
            if (groups == null)
            {
                return null;
            }
            var carrier = PresenceCapability(user.ReadAs);
            return user.ReadAs == ScimReadKind.Single || (carrier != null && capabilities[carrier.Value] == ScimSupport.Supported)
                ? groups : null;
        }

        /// <summary>Learns, from a page of users, that its kind of response carries "groups": someone on it has some.</summary>
        public static void LearnFrom(IReadOnlyList<ScimUser> page, ScimServerCapabilities capabilities)
        {
            foreach (var user in page)
            {
                if (user.Groups != null && user.Groups.Count > 0)
                {
                    LearnCarried(user.ReadAs, capabilities);
                    return;
                }
            }
        }

        /// <summary>A kind of response named someone's groups. Once a kind has been seen hiding groups, a later response
        /// that shows some does not make it trusted again.</summary>
        internal static void LearnCarried(ScimReadKind kind, ScimServerCapabilities capabilities)
        {
            var carrier = PresenceCapability(kind);
            if (carrier != null && capabilities[carrier.Value] == ScimSupport.Unknown)
            {
                capabilities.Learn(carrier.Value, true);
            }
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
