using System.Diagnostics.CodeAnalysis;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Finds the one user or group an identity names, read fresh from the server, and writes the reason when
    /// there is none (invalid input, not found, ambiguous, an unusable id, or a request failure).</summary>
    internal sealed class TargetResolver
    {
        private readonly IOperationHost _host;
        private readonly ScimClient _client;

        public TargetResolver(IOperationHost host, ScimClient client)
        {
            _host = host;
            _client = client;
        }

        /// <summary>The user; null after writing why there is none.</summary>
        public ScimUser? ResolveUser(ModeUserIdentity? identity)
        {
            if (!IsUsable(identity))
            {
                return null;
            }
            try
            {
                return UserFrom(identity, _host.Await(token => identity.ResolveWith(new ScimUserResolver(_client), token)));
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, identity, ScimResourceKind.User);
                return null;
            }
        }

        /// <summary>The user a read of several (<see cref="PipedUserReader"/>) found; null after writing why there is none
        /// (the read failed, ambiguous, not found, an unusable id).</summary>
        public ScimUser? UserFrom(ModeUserIdentity identity, ItemOutcome<ScimUserResolution> read)
        {
            if (read.Error != null)
            {
                _host.WriteScimError(read.Error, identity, ScimResourceKind.User);
                return null;
            }
            return UserFrom(identity, read.Value!);
        }

        /// <summary>False after writing ModeScim.InvalidInput for an identity that cannot be looked up.</summary>
        public bool IsUsable([NotNullWhen(true)] ModeUserIdentity? identity)
        {
            var problem = InputValidation.ProblemWith(identity);
            if (problem != null)
            {
                _host.WriteItemError(ErrorRecordFactory.InvalidInput(problem, identity?.Text));
            }
            return problem == null;
        }

        /// <summary>The user a resolution found; null after writing why there is none (ambiguous or not found).</summary>
        public ScimUser? UserFrom(ModeUserIdentity identity, ScimUserResolution resolution)
        {
            if (resolution.IsAmbiguous)
            {
                _host.WriteItemError(ErrorRecordFactory.AmbiguousIdentity(identity, resolution.ByUserName!.UserName!,
                    resolution.ById!.Id!));
                return null;
            }
            if (resolution.User == null)
            {
                _host.WriteItemError(ErrorRecordFactory.UserNotFound(identity));
            }
            else if (!ResourceId.IsValid(resolution.User.Id))
            {
                // Nothing can be addressed, journalled or undone for a user the server gives no usable id.
                _host.WriteItemError(ErrorRecordFactory.UnusableId(identity, resolution.User.Id));
                return null;
            }
            return resolution.User;
        }

        /// <summary>The one group an identity names; null after writing why not. Members are read only when asked for.</summary>
        public ScimGroup? ResolveGroup(ModeGroupIdentity? identity, bool withMembers)
        {
            if (InputValidation.HasProblem(identity, out var problem))
            {
                _host.WriteItemError(ErrorRecordFactory.InvalidInput(problem, identity?.Text));
                return null;
            }
            try
            {
                var group = _host.Await(token => new GroupResolver(_client, withMembers).ResolveAsync(identity, token));
                if (group == null)
                {
                    _host.WriteItemError(ErrorRecordFactory.GroupNotFound(identity));
                }
                return group;
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, identity, ScimResourceKind.Group);
                return null;
            }
        }

        /// <summary>How a user is named in -WhatIf and -Confirm messages and warnings: the real name and the id.</summary>
        public static string Describe(ScimUser user) => user.UserName + " (" + user.Id + ")";

        public static string Describe(ScimGroup group) => group.DisplayName + " (" + group.Id + ")";
    }
}
