using System;
using ModeScim.Client;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What a server's answer to a POST of a user means. A server may hand back a user it already had (with 201
    /// or 200, as Okta and Entra do) instead of 409, or even another user than the one asked for: New-ModeUser and
    /// Sync-ModeUser read the answer the same way.</summary>
    internal enum CreateAnswerKind
    {
        /// <summary>The user asked for, made now.</summary>
        Created,

        /// <summary>The user asked for, but one the server had before.</summary>
        Existing,

        /// <summary>Another user: never matched to the row, and never changed for it.</summary>
        Another,
    }

    internal static class CreateAnswer
    {
        /// <param name="knownBefore">True for an id the caller had seen before the create (a sync's listing).</param>
        public static CreateAnswerKind Judge(string asked, ScimCreateResult<ScimUser> answer, Func<string?, bool>? knownBefore = null)
        {
            if (!InputValidation.SameUserName(asked, answer.Resource.UserName))
            {
                return CreateAnswerKind.Another;
            }
            return answer.Adopted || (knownBefore?.Invoke(answer.Resource.Id) ?? false) ? CreateAnswerKind.Existing
                : CreateAnswerKind.Created;
        }

        /// <summary>ModeScim.CreateAnsweredWithAnother for an answer judged <see cref="CreateAnswerKind.Another"/>.</summary>
        public static ModeScimError AnotherUser(string asked, ScimCreateResult<ScimUser> answer) =>
            ErrorRecordFactory.CreateAnsweredWithAnother(asked, answer.Resource.UserName!, answer.Resource.Id);
    }
}
