BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 120 -ExtraArguments @('--max-page-size', '50')
    Connect-TestEmulator -Emulator $script:Emulator

    function Get-Requests { Get-ModeScimEmulatorStats $script:Emulator }
    function Get-AllFromServer {
        # The server's own view, read without the module.
        $result = Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path 'Users?count=0'
        $all = @()
        for ($start = 1; $start -le $result.totalResults; $start += 50) {
            $all += (Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path "Users?startIndex=$start&count=50").Resources
        }
        $all
    }
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Get-ModeUser' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
    }

    Context 'listing' {
        It 'streams every user in server order, one request per page' {
            $users = @(Get-ModeUser)

            $users.Count | Should -Be 120
            $users[0] | Should -BeOfType 'ModeScim.PowerShell.Models.ModeUser'
            ($users.Id -join ',') | Should -Be ((Get-AllFromServer).id -join ',')
            # 120 users at a server maximum of 50 per page: 3 pages, whatever page size the client asks for.
            Reset-ModeScimEmulator $script:Emulator
            $null = Get-ModeUser
            (Get-Requests).GET | Should -Be 3
        }

        It 'filters by status on the server: <Status>' -TestCases @(
            @{ Status = 'Active'; Expected = $true }
            @{ Status = 'Inactive'; Expected = $false }
        ) {
            param($Status, $Expected)
            $server = @(Get-AllFromServer | Where-Object { $_.active -eq $Expected })

            $users = @(Get-ModeUser -Status $Status)

            $users.Count | Should -Be $server.Count
            $users | ForEach-Object { $_.Active | Should -Be $Expected }
        }

        It 'takes -First from the start of the list with a single request' {
            Reset-ModeScimEmulator $script:Emulator
            $users = @(Get-ModeUser -First 5)
            $requests = Get-Requests

            $users.Count | Should -Be 5
            ($users.Id -join ',') | Should -Be ((Get-AllFromServer | Select-Object -First 5).id -join ',')
            $requests.GET | Should -Be 1
        }

        It 'skips with -Skip using the server''s startIndex' {
            $expected = Get-AllFromServer | Select-Object -Skip 100 -First 3

            $users = @(Get-ModeUser -Skip 100 -First 3)

            ($users.Id -join ',') | Should -Be ($expected.id -join ',')
        }

        It 'reports the total with -IncludeTotalCount' {
            $output = @(Get-ModeUser -First 2 -IncludeTotalCount)

            $output.Count | Should -Be 3
            $output[0].ToString() | Should -BeLike '*120*'
        }

        It 'passes a SCIM filter to the server' {
            $users = @(Get-ModeUser -Filter 'name.givenName eq "Ava"')

            $users.Count | Should -BeGreaterThan 0
            $users | ForEach-Object { $_.GivenName | Should -Be 'Ava' }
        }

        It 'refuses an unbalanced filter with ModeScim.InvalidInput before any request' {
            Reset-ModeScimEmulator $script:Emulator
            $errors = Get-ErrorRecords { Get-ModeUser -Filter 'userName eq "unterminated' }

            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.GetModeUserCommand'
            (Get-Requests).total | Should -Be 0
        }

        It 'reports a filter the server rejects as ModeScim.InvalidFilter' {
            $errors = Get-ErrorRecords { Get-ModeUser -Filter 'userName zz "a"' }

            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidFilter,ModeScim.PowerShell.Commands.GetModeUserCommand'
            $errors.Exception.ScimType | Should -Be 'invalidFilter'
        }

        It 'matches -UserName wildcards, asking the server for the literal prefix' {
            $expected = @(Get-AllFromServer | Where-Object { $_.userName -like 'ava.*' })

            $users = @(Get-ModeUser -UserName 'AVA.*')

            $users.Count | Should -Be $expected.Count
            $users | ForEach-Object { $_.UserName | Should -BeLike 'ava.*' }
        }

        It 'finds a user by exact -Email, and reports a missing one as ModeScim.UserNotFound' {
            $someone = (Get-AllFromServer)[7]

            (Get-ModeUser -Email $someone.emails[0].value).Id | Should -Be $someone.id
            $errors = Get-ErrorRecords { Get-ModeUser -Email 'nobody@example.com' }
            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.GetModeUserCommand'
            $errors.TargetObject | Should -Be 'nobody@example.com'
        }

        It 'finds the users of a -UserName array, each once, and reports an exact name nobody has as ModeScim.UserNotFound' {
            $server = @(Get-AllFromServer)
            $first, $second = $server[5], $server[9]
            $pattern = $first.userName.Substring(0, 4) + '*'
            $expected = @($server | Where-Object { $_.userName -like $pattern -or $_.userName -eq $second.userName })
            $script:found = @()

            $errors = Get-ErrorRecords { $script:found = @(Get-ModeUser -UserName $first.userName, $pattern, 'nobody@example.com', $second.userName) }

            @($script:found.Id | Sort-Object) | Should -Be @($expected.id | Sort-Object)
            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.GetModeUserCommand'
            $errors.TargetObject | Should -Be 'nobody@example.com'
        }

        It 'finds the users of an -Email array' {
            $server = @(Get-AllFromServer)

            $users = @(Get-ModeUser -Email $server[7].emails[0].value, $server[8].emails[0].value)

            $users.Id | Should -Be $server[7].id, $server[8].id
        }

        It 'applies -First to the users of a -UserName array together' {
            $server = @(Get-AllFromServer)

            $users = @(Get-ModeUser -UserName $server[1].userName, $server[2].userName, $server[3].userName -First 2)

            $users.Id | Should -Be $server[1].id, $server[2].id
        }
    }

    Context 'by identity' {
        It 'finds a user by userName, ignoring case, as a parameter and from the pipeline' {
            $someone = (Get-AllFromServer)[3]

            $byParameter = Get-ModeUser -Identity $someone.userName.ToUpperInvariant()
            $byPipeline = $someone.userName | Get-ModeUser

            $byParameter.Id | Should -Be $someone.id
            $byPipeline.Id | Should -Be $someone.id
        }

        It 'finds a user by id, as a parameter and from the pipeline' {
            $someone = (Get-AllFromServer)[4]

            (Get-ModeUser $someone.id).UserName | Should -Be $someone.userName
            ($someone.id | Get-ModeUser).UserName | Should -Be $someone.userName
        }

        It 'takes piped user objects and re-reads them from the server' {
            $first = @(Get-ModeUser -First 3)
            Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Users/$($first[0].Id)" -Body @{
                schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'replace'; path = 'displayName'; value = 'Renamed Meanwhile' })
            } | Out-Null

            $again = @($first | Get-ModeUser)

            $again.Count | Should -Be 3
            $again[0].DisplayName | Should -Be 'Renamed Meanwhile'
        }

        It 'writes ModeScim.UserNotFound for a missing user and goes on with the rest of the pipeline' {
            $server = Get-AllFromServer
            $found = @()
            $errors = Get-ErrorRecords { $script:found = @($server[0].userName, 'ghost@example.com', $server[1].userName | Get-ModeUser) }

            $script:found.Count | Should -Be 2
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.GetModeUserCommand'
            $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            "$($errors[0].TargetObject)" | Should -Be 'ghost@example.com'
        }

        It 'refuses a string that is one user''s userName and another user''s id with ModeScim.AmbiguousIdentity' {
            $victim = (Get-AllFromServer)[0]
            $null = New-EmulatorUser -Emulator $script:Emulator -UserName $victim.id

            $errors = Get-ErrorRecords { Get-ModeUser -Identity $victim.id }

            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.AmbiguousIdentity,ModeScim.PowerShell.Commands.GetModeUserCommand'
            $errors.Exception.Message | Should -BeLike "*$($victim.id)*"
        }

        It 'refuses <Case> with ModeScim.InvalidInput before any request' -TestCases @(
            @{ Case = 'an empty string'; Value = '' }
            @{ Case = 'blanks'; Value = '   ' }
            @{ Case = 'a control character'; Value = "ada`0@example.com" }
            @{ Case = 'a 10,000-character string'; Value = ('x' * 10000) }
        ) {
            param($Case, $Value)
            Reset-ModeScimEmulator $script:Emulator

            $errors = Get-ErrorRecords { Get-ModeUser -Identity $Value }

            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.GetModeUserCommand'
            (Get-Requests).total | Should -Be 0
        }

        It 'treats a filter injection attempt as a name that nobody has' {
            $errors = Get-ErrorRecords { Get-ModeUser -Identity 'a" or userName pr "' }

            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.GetModeUserCommand'
        }

        It 'finds a user whose name is full of quotes and backslashes' {
            $created = New-EmulatorUser -Emulator $script:Emulator -UserName 'o"bri\en@example.com'

            (Get-ModeUser -Identity 'O"BRI\EN@example.com').Id | Should -Be $created.id
        }
    }

    Context 'finding people' {
        It 'lists the userNames a positional wildcard matches, as -UserName does, with no error' {
            $expected = @(Get-AllFromServer | Where-Object { $_.userName -like 'ava.*' })
            $expected.Count | Should -BeGreaterThan 1
            $script:found = @()

            $errors = Get-ErrorRecords { $script:found = @(Get-ModeUser 'AVA.*') }

            $errors | Should -BeNullOrEmpty
            @($script:found.Id | Sort-Object) | Should -Be @($expected.id | Sort-Object)
            @('ava.*' | Get-ModeUser).Count | Should -Be $expected.Count
        }

        It 'takes brackets in an identity literally, and a * after them as a pattern that still finds the name itself' {
            $team = New-EmulatorUser -Emulator $script:Emulator -UserName 'team[ops]@example.com'
            $null = New-EmulatorUser -Emulator $script:Emulator -UserName 'teamo@example.com'

            (Get-ModeUser 'TEAM[ops]@example.com').Id | Should -Be $team.id
            @(Get-ModeUser 'team[ops]*').Id | Should -Be $team.id
            $errors = Get-ErrorRecords { Get-ModeUser 'team[o]@example.com' }
            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.GetModeUserCommand'
        }

        It 'finds people by part of a name or email with -Search, with one co filter on a full server' {
            $null = New-EmulatorUser -Emulator $script:Emulator -UserName 'q.okonkwo@example.com' -DisplayName 'Quincy Okonkwo-Hale'
            Reset-ModeScimEmulator $script:Emulator

            $found = @(Get-ModeUser -Search 'konkwo-HA')

            $found.UserName | Should -Be 'q.okonkwo@example.com'
            (Get-Requests).routes.'GET Users' | Should -Be 1
            (Get-ModeScimConnection).ContainsFilter | Should -Be 'Supported'
        }

        It 'warns, naming the closest userNames, when -Search finds nobody' {
            $someone = (Get-AllFromServer)[3]
            $typo = $someone.userName.Split('@')[0]
            $typo = $typo.Substring(0, $typo.Length - 1) + 'q'

            $warnings = @(Get-ModeUser -Search ($typo + 'zz') 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })

            $warnings.Count | Should -Be 1
            $warnings[0].Message | Should -BeLike "No Mode user has '$($typo)zz' in a userName, name or email.*"
        }

        It 'reads the userNames for suggestions once per first letter, however many names miss' {
            Reset-ModeScimEmulator $script:Emulator

            $errors = Get-ErrorRecords { 'ghost-1@example.com', 'ghost-2@example.com', 'GHOST-3@example.com' | Get-ModeUser }

            $errors.Count | Should -Be 3
            # Each miss: one userName lookup and one read by id; the suggestions: one listing (g has under 50 users here).
            (Get-Requests).GET | Should -Be 7
        }

        It 'names the closest userNames when an exact identity finds nobody' {
            $someone = (Get-AllFromServer)[3]
            $local, $domain = $someone.userName.Split('@')
            $typo = $local.Substring(0, $local.Length - 1) + '@' + $domain

            $errors = Get-ErrorRecords { Get-ModeUser $typo }

            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.GetModeUserCommand'
            "$($errors[0])" | Should -BeLike "No Mode user has the userName or id '$typo'. Closest userNames: *'$($someone.userName)'*"
            $errors[0].ErrorDetails.RecommendedAction | Should -BeLike "*'$($someone.userName)'*"
        }
    }

    Context 'presentation' {
        It 'shows attributes the module has no property for' {
            $body = @{
                schemas  = @('urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User')
                userName = 'ext@example.com'
                'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User' = @{ employeeNumber = '4711'; department = 'Finance' }
            }
            $null = Invoke-EmulatorScim -Emulator $script:Emulator -Method Post -Path 'Users' -Body $body

            $user = Get-ModeUser -Identity 'ext@example.com'

            $user.AdditionalAttributes['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].employeeNumber | Should -Be '4711'
        }

        It 'formats users as a table that fits 120 columns' {
            $lines = (Get-ModeUser -First 5 | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }

            $lines[0] | Should -BeLike 'UserName*DisplayName*Active*Groups*Id*'
            $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
        }

        It 'writes one verbose line per request with method, path, status and time' {
            $someone = (Get-AllFromServer)[2]

            $verbose = @(Get-ModeUser -Identity $someone.userName -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })

            # Looked up as a userName, as both IdPs do. Found that way, an email-shaped name is not also tried as
            # an id: only text without an '@' could be one user's userName and another's id.
            $verbose.Count | Should -Be 1
            $verbose[0].Message | Should -Match '^GET Users\?filter=userName%20eq%20%22.*%22&startIndex=1&count=2 200 \d+ ms$'
        }

        It 'tries a name nobody has as an id too, then reads the userNames sharing its first letter, one verbose line per request' {
            $verbose = @(Get-ModeUser -Identity 'ghost@example.com' -Verbose -ErrorAction SilentlyContinue 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })

            $verbose.Count | Should -BeGreaterOrEqual 3
            $verbose[0].Message | Should -Match '^GET Users\?filter=userName%20eq%20%22ghost%40example\.com%22&startIndex=1&count=2 200 \d+ ms$'
            $verbose[1].Message | Should -Match '^GET Users/ghost%40example\.com 404 \d+ ms$'
            # The suggestion's listing: at most 200 users, 50 a page here.
            $listing = @($verbose[2..($verbose.Count - 1)] | Where-Object { $_.Message -like 'GET *' })
            $listing.Count | Should -BeIn @(1, 2, 3, 4)
            $listing | ForEach-Object { $_.Message | Should -Match '^GET Users\?filter=userName%20sw%20%22g%22&' }
        }
    }

    Context 'stopping' {
        It 'ends a long listing promptly when the pipeline is stopped, without an error' {
            # The listing's request is held at the server: the stop must cancel it, not wait for the answer.
            Reset-ModeScimEmulator $script:Emulator
            Set-EmulatorRequestHold -Emulator $script:Emulator -Method GET
            try {
                $ps = [powershell]::Create()
                $null = $ps.AddScript("Import-Module '$($script:ModuleManifest)'; Get-ModeUser")
                $null = $ps.BeginInvoke()
                Wait-EmulatorRequest -Emulator $script:Emulator -Route 'GET Users'

                Stop-TestPipeline $ps | Should -BeTrue -Because 'a stop cancels the request in flight instead of waiting for its answer'

                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $ps.Streams.Error.Count | Should -Be 0
                $ps.Dispose()
            }
            finally {
                Set-EmulatorRequestHold -Emulator $script:Emulator -Off
            }
        }
    }

    Context 'failures' {
        It 'ends with ModeScim.Unauthorized when the token is revoked' {
            Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString 'revoked') -SkipDiscovery
            try {
                { Get-ModeUser -Identity 'a@example.com', 'b@example.com' } |
                    Should -Throw -ErrorId 'ModeScim.Unauthorized,ModeScim.PowerShell.Commands.GetModeUserCommand'
            }
            finally {
                Connect-TestEmulator -Emulator $script:Emulator
            }
        }

        It 'retries throttled requests and still returns every user' {
            $null = Set-ModeScimEmulatorConfig -Emulator $script:Emulator -Settings @{ rate429 = 0.3; retryAfterSeconds = 0 }
            try {
                Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString $script:Emulator.Token) -MaxRetries 8 -SkipDiscovery
                @(Get-ModeUser).Count | Should -Be 120
            }
            finally {
                $null = Set-ModeScimEmulatorConfig -Emulator $script:Emulator -Settings @{ rate429 = 0 }
                Connect-TestEmulator -Emulator $script:Emulator
            }
        }
    }

    Context 'finding people on a server that refuses co and or (minimal)' {
        BeforeAll {
            $script:Minimal = Start-TestEmulator -Seed 30 -ExtraArguments '--profile', 'minimal'
            $script:MinimalConnection = Connect-ModeScim -BaseUri $script:Minimal.BaseUri -Token (ConvertTo-TestSecureString $script:Minimal.Token) -PassThru
            $script:Quincy = New-EmulatorUser -Emulator $script:Minimal -UserName 'q.okonkwo@example.com' -DisplayName 'Quincy Okonkwo-Hale'
        }

        AfterAll {
            Disconnect-ModeScim -Connection $script:MinimalConnection
            Stop-ModeScimEmulator $script:Minimal
            Connect-TestEmulator -Emulator $script:Emulator
        }

        It 'finds a person by part of the display name, matching a listing where the filter is refused' {
            Reset-ModeScimEmulator $script:Minimal

            $found = @(Get-ModeUser -Search 'konkwo-ha' -Connection $script:MinimalConnection)

            $found.Id | Should -Be $script:Quincy.id
            # The display-name filter alone is refused (400) here, and nothing falls back.
            { Get-ModeUser -Filter 'displayName co "konkwo"' -Connection $script:MinimalConnection -ErrorAction Stop } |
                Should -Throw -ErrorId 'ModeScim.InvalidFilter,*'
        }

        It 'finds a person by part of an email with -Status, and once for two searches that both match' {
            $byEmail = @(Get-ModeUser -Search 'OKONKWO@' -Status Active -Connection $script:MinimalConnection)
            $byName = @(Get-ModeUser -Search 'quinc', 'okonkwo' -Connection $script:MinimalConnection)

            $byEmail.Id | Should -Be $script:Quincy.id
            $byName.Id | Should -Be $script:Quincy.id
        }
    }
}
