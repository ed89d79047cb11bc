# What an admin who already uses Microsoft.Graph, ExchangeOnlineManagement or dbatools expects from a module in a
# shell, a CSV and an Azure DevOps run. This run is -NonInteractive, as a scheduled job is: anything that would
# prompt fails here.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 30
    Connect-TestEmulator -Emulator $script:Emulator
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe '-Debug without prompts' {
    It 'shows request and response bodies in the debug stream without asking to continue, with secrets masked' {
        $records = @(New-ModeUser -UserName 'debug.me@example.com' -GivenName 'Debug' -Debug 5>&1 4>&1 3>&1)

        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $debug | Where-Object { $_ -like 'Request body: *"userName":"debug.me@example.com"*' } | Should -Not -BeNullOrEmpty
        $debug | Where-Object { $_ -like 'Response body: *' } | Should -Not -BeNullOrEmpty
        $verbose.Count | Should -BeGreaterThan 0 -Because '-Debug also shows the request lines'
        ($records | Out-String) | Should -Not -Match ([regex]::Escape($script:Emulator.Token))
        Get-ModeUser -Identity 'debug.me@example.com' | Should -Not -BeNullOrEmpty
    }

    It 'writes a warning under -Debug without asking either' {
        $null = New-EmulatorUser -Emulator $script:Emulator -UserName 'warned@example.com'
        $records = @(Sync-ModeGroup -Group 'Debugged' -Member 'warned@example.com', 'nobody@example.com' -CreateIfMissing -Debug 3>&1 4>$null 5>$null)

        $warning = @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $warning.Count | Should -Be 1
        $warning[0].Message | Should -BeLike "*nobody@example.com*"
        ($records | Where-Object { $_ -is [ModeScim.PowerShell.Models.ModeGroupSyncResult] }).Added | Should -Be @('warned@example.com')
    }
}

Describe 'Output that exports' {
    BeforeAll {
        $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-export-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $script:Work
        $journal = Join-Path $script:Work 'journal.jsonl'
        $members = @(Get-ModeUser -First 40 | Where-Object { $_.Groups.Count -ge 2 })
        $script:Member = $members[0]
        $null = Disable-ModeUser $members[1] -JournalPath $journal -Reason 'export test'
        $script:Outputs = [ordered]@{
            ModeUser                     = $script:Member
            ModeGroup                    = Get-ModeGroup -DisplayName 'Finance'
            ModeScimJournalRecord        = Get-ModeScimJournal -Path $journal | Select-Object -First 1
            ModeUserSyncResult           = Get-ModeUser -First 3 | Sync-ModeUser -WhatIf -WarningAction SilentlyContinue 6>$null
            ModeGroupSyncResult          = Sync-ModeGroup -Group 'Finance' -Member $members[0], 'nobody@example.com' -WhatIf -WarningAction SilentlyContinue 6>$null
            ModeAccessReportRow          = Get-ModeAccessReport | Where-Object { $_.GroupCount -ge 2 } | Select-Object -First 1
            ModeAccessReportSummary      = Get-ModeAccessReport -Summary
            ModeScimConnection           = Get-ModeScimConnection
            ModeScimConnectionTestResult = Test-ModeScimConnection
        }
    }
    AfterAll {
        Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'writes <Name> to CSV as readable values, never a type name' -TestCases @(
        @{ Name = 'ModeUser' }, @{ Name = 'ModeGroup' }, @{ Name = 'ModeScimJournalRecord' }, @{ Name = 'ModeUserSyncResult' },
        @{ Name = 'ModeGroupSyncResult' }, @{ Name = 'ModeAccessReportRow' }, @{ Name = 'ModeAccessReportSummary' },
        @{ Name = 'ModeScimConnection' }, @{ Name = 'ModeScimConnectionTestResult' }
    ) {
        $object = $script:Outputs[$Name]
        $object | Should -Not -BeNullOrEmpty
        $path = Join-Path $script:Work "$Name.csv"
        $object | Export-Csv -LiteralPath $path -NoTypeInformation -Encoding utf8

        $row = @(Import-Csv -LiteralPath $path)
        $row.Count | Should -Be @($object).Count
        $cells = @($row[0].PSObject.Properties | ForEach-Object { [string]$_.Value })
        $cells.Count | Should -BeGreaterThan 3
        $cells | Where-Object { $_ -match '^(System|ModeScim)\.[\w.`\[\], =]+$' } | Should -BeNullOrEmpty
    }

    It 'exports a user''s groups and emails as the text an admin reads, and keeps them objects in the pipeline' {
        $user = $script:Member
        $path = Join-Path $script:Work 'user.csv'
        $user | Export-Csv -LiteralPath $path -NoTypeInformation -Encoding utf8
        $row = Import-Csv -LiteralPath $path

        $row.Groups | Should -Be (($user.Groups | ForEach-Object DisplayName) -join '; ')
        $row.Groups | Should -BeLike '*; *'
        $row.Emails | Should -Be $user.Email
        $user.Groups.Count | Should -BeGreaterOrEqual 2
        $user.Groups[0].Id | Should -Not -BeNullOrEmpty
        $user.Groups.DisplayName | Should -Contain $user.Groups[1].DisplayName
    }

    It 'converts to JSON and back with the groups as objects and the emails as text' {
        $back = $script:Member | ConvertTo-Json -Depth 5 | ConvertFrom-Json

        @($back.Groups).Count | Should -Be $script:Member.Groups.Count
        $back.Groups[0].DisplayName | Should -Be $script:Member.Groups[0].DisplayName
        @($back.Emails) | Should -Be @($script:Member.Email)
    }

    It 'lists a sync result''s names as text in CSV' {
        $path = Join-Path $script:Work 'group-sync.csv'
        $script:Outputs.ModeGroupSyncResult | Export-Csv -LiteralPath $path -NoTypeInformation -Encoding utf8
        $row = Import-Csv -LiteralPath $path

        $row.NotFound | Should -Be 'nobody@example.com'
        $row.Removed | Should -BeLike '*@example.com; *@example.com*'
    }
}

Describe 'Views that fit' {
    BeforeAll {
        $journal = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-view-' + [guid]::NewGuid().ToString('N') + '.jsonl')
        $users = @(Get-ModeUser -First 6)
        $null = Disable-ModeUser $users[5] -JournalPath $journal -Reason 'view test'
        $script:Views = [ordered]@{
            Users      = $users[0..4]
            Groups     = Get-ModeGroup
            Journal    = Get-ModeScimJournal -Path $journal
            Report     = Get-ModeAccessReport | Select-Object -First 5
            UserSync   = $users | Sync-ModeUser -WhatIf -WarningAction SilentlyContinue 6>$null
            GroupSync  = Sync-ModeGroup -Group 'Finance' -Member $users[0] -WhatIf -WarningAction SilentlyContinue 6>$null
            Connection = Get-ModeScimConnection
        }
        $script:Users = $users
    }

    It 'prints <View> within 120 columns' -TestCases @(
        @{ View = 'Users' }, @{ View = 'Groups' }, @{ View = 'Journal' }, @{ View = 'Report' }, @{ View = 'UserSync' }, @{ View = 'GroupSync' },
        @{ View = 'Connection' }
    ) {
        $lines = @(($script:Views[$View] | Out-String -Width 120) -split "`r?`n")
        $lines.Count | Should -BeGreaterThan 2
        $lines | Where-Object { $_.TrimEnd().Length -gt 120 } | Should -BeNullOrEmpty
    }

    It 'shows each user''s whole Id and a readable Groups column at 120 columns' {
        $text = $script:Users[0..4] | Out-String -Width 120
        foreach ($user in $script:Users[0..4]) {
            $text | Should -Match ([regex]::Escape($user.Id))
        }
        $withGroups = $script:Users | Where-Object { $_.Groups.Count -gt 0 } | Select-Object -First 1
        $text | Should -Match ([regex]::Escape($withGroups.Groups[0].DisplayName))
    }

    It 'prints a journal record of every action within 120 columns, and never cuts an action' {
        # One record of each action the journal writes, with names as long as real ones get.
        $journal = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-actions-' + [guid]::NewGuid().ToString('N') + '.jsonl')
        $long = 'maximilian.alexander.featherstonehaugh-worthington@example.com'
        $content = '"content":{"kind":"report","token":"r1","name":"Quarterly revenue by region and product line, restated",' +
            '"fromCollection":"c1","fromCollectionName":"Personal","toCollection":"c2","toCollectionName":"Finance handover","successor":"ada"}'
        $plan = '"plan":{"id":"plan-20261207-0800","sha256":"abc"}'
        $actions = [ordered]@{
            Create            = '"changes":[{"attribute":"email","new":"' + $long + '"}]'
            Update            = '"changes":[{"attribute":"email","old":"a@example.com","new":"' + $long + '"}]'
            PlanApply         = $plan
            Disable           = '"groups":[{"id":"g1","displayName":"Finance"},{"id":"g2","displayName":"Analytics leadership"}],"reason":"HR ticket 4711"'
            Enable            = '"groups":[{"id":"g1","displayName":"Finance"}]'
            Remove            = '"groupsKnown":false'
            GroupAdd          = '"groups":[{"id":"g1","displayName":"Finance"}]'
            GroupRemove       = '"groups":[{"id":"g1","displayName":"Finance"}]'
            HandoverGrant     = $content
            HandoverMove      = $content
            UndoHandoverGrant = $content
            UndoHandoverMove  = $content
        }
        $lines = foreach ($action in $actions.Keys) {
            $user = if ($action -eq 'PlanApply') { '' } else { $long }
            $groups = if ($actions[$action] -like '*"groups"*') { '' } else { '"groups":[],' }
            '{"time":"2026-12-07T08:00:00Z","action":"' + $action + '","userId":"u1","userName":"' + $user + '",' + $groups + $actions[$action] + '}'
        }
        Set-Content -LiteralPath $journal -Value $lines -Encoding utf8
        try {
            $records = @(Get-ModeScimJournal -Path $journal)
            $records.Count | Should -Be $actions.Count
            $text = $records | Out-String -Width 120
        }
        finally {
            Remove-Item -LiteralPath $journal -ErrorAction SilentlyContinue
        }

        $printed = @($text -split "`r?`n")
        $printed | Where-Object { $_.TrimEnd().Length -gt 120 } | Should -BeNullOrEmpty
        $rows = @($printed | Where-Object { $_ -like '2026-12-07T08:00:00Z *' })
        $rows.Count | Should -Be $actions.Count
        $i = 0
        foreach ($action in $actions.Keys) {
            # The whole action, then a space: never HandoverGr... or UndoHandoverGra...
            $rows[$i] | Should -Match ('^2026-12-07T08:00:00Z ' + $action + ' ')
            $i++
        }
        $rows[1] | Should -BeLike '*email: a@example.com -> *'
        $rows[2] | Should -BeLike '*plan plan-20261207-0800*'
        $rows[3] | Should -BeLike '*Finance; Analytics*HR ticket*'
        $rows[5] | Should -BeLike '*(unknown)*'
        $rows[8] | Should -BeLike '*report Quarterly revenue*'
    }

    It 'prints a content listing within 120 columns, each item''s kind, name and collection whole' {
        $items = @(
            [ModeScim.PowerShell.Models.ModeContentItem]@{ Kind = 'collection'; Name = 'Finance handover'; Owner = 'ada'
                Collection = 'Finance handover'; Personal = $false; Token = 'c1' }
            [ModeScim.PowerShell.Models.ModeContentItem]@{ Kind = 'report'; Name = 'Quarterly revenue by region, restated'; Owner = 'maximilian.featherstone'
                Collection = 'Personal reports of Maximilian'; Personal = $true; Token = 'r1' }
        )

        $printed = @(($items | Out-String -Width 120) -split "`r?`n")

        $printed | Where-Object { $_.TrimEnd().Length -gt 120 } | Should -BeNullOrEmpty
        $printed | Where-Object { $_ -match '^Kind\s+Name\s+Collection\s+Owner\s+Personal' } | Should -Not -BeNullOrEmpty
        $printed | Where-Object { $_ -match '^collection\s+Finance handover\s+Finance handover\s+ada\s+False' } | Should -Not -BeNullOrEmpty
        $printed | Where-Object { $_ -match '^report\s+Quarterly revenue by region, restated\s+Personal reports of Maximilian' } | Should -Not -BeNullOrEmpty
    }

    It 'shows whether a sync result is a -WhatIf plan: yes or no, never blank' {
        $plan = Get-ModeUser -First 2 | Sync-ModeUser -WhatIf -WarningAction SilentlyContinue 6>$null
        $done = Get-ModeUser -First 2 | Sync-ModeUser -WarningAction SilentlyContinue 6>$null

        @(($plan | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })[2] | Should -Match '^yes\s+\d'
        @(($done | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })[2] | Should -Match '^no\s+\d'
        ($plan | Out-String -Width 120) | Should -Match '(?m)^WhatIf\s+Created'
    }

    It 'never prints <View> one letter per line at 80 columns' -TestCases @(
        @{ View = 'Users' }, @{ View = 'Groups' }, @{ View = 'Journal' }, @{ View = 'Report' }, @{ View = 'UserSync' }, @{ View = 'GroupSync' },
        @{ View = 'Connection' }
    ) {
        $lines = @(($script:Views[$View] | Out-String -Width 80) -split "`r?`n")
        $lines.Count | Should -BeGreaterThan 2
        # A header squeezed into a column too narrow for it wraps a few letters per line under the others.
        $lines | Where-Object { $_ -match '^\s{20,}\S{1,3}\s*$' } | Should -BeNullOrEmpty
        $lines | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
    }
}

Describe 'One vocabulary for identities and columns' {
    BeforeAll {
        $script:Group = New-ModeGroup -DisplayName 'Vocabulary'
        # The shapes admins pipe in, as each tool exports a person.
        function New-Shape([string] $Kind, [string] $UserName, [string] $Given, [string] $Family, [string] $EmployeeId) {
            switch ($Kind) {
                'Entra' {
                    # Get-MgUser: its own object Id is not a Mode id, and must lose to the UPN.
                    [pscustomobject]@{ Id = [guid]::NewGuid().ToString(); UserPrincipalName = $UserName; Mail = $UserName
                        GivenName = $Given; Surname = $Family; DisplayName = "$Given $Family"; EmployeeId = $EmployeeId }
                }
                'AD' {
                    # Get-ADUser -Properties EmailAddress, EmployeeID
                    [pscustomobject]@{ DistinguishedName = "CN=$Given $Family,OU=Staff,DC=example,DC=com"; Enabled = $true
                        GivenName = $Given; Name = "$Given $Family"; ObjectGUID = [guid]::NewGuid(); SamAccountName = $Given.ToLower()
                        Surname = $Family; UserPrincipalName = $UserName; EmailAddress = $UserName; EmployeeID = $EmployeeId }
                }
                'Okta' {
                    [pscustomobject]@{ login = $UserName; email = $UserName; firstName = $Given; lastName = $Family; employeeNumber = $EmployeeId }
                }
                'Google' {
                    # The admin console's user export.
                    @("First Name [Required],Last Name [Required],Email Address [Required],Employee ID",
                        "$Given,$Family,$UserName,$EmployeeId") | ConvertFrom-Csv
                }
                'HR' {
                    @('Work Email,First Name,Last Name,Employee Number', "$UserName,$Given,$Family,$EmployeeId") | ConvertFrom-Csv
                }
            }
        }
    }

    It 'takes a <Kind> export in every cmdlet that takes users' -TestCases @(
        @{ Kind = 'Entra' }, @{ Kind = 'AD' }, @{ Kind = 'Okta' }, @{ Kind = 'Google' }, @{ Kind = 'HR' }
    ) {
        $userName = "vocab.$($Kind.ToLower())@example.com"
        $shape = New-Shape $Kind $userName 'Vera' $Kind "EMP-$Kind"

        $created = $shape | New-ModeUser
        $created.UserName | Should -Be $userName
        $stored = (Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path "Users/$($created.Id)")
        $stored.name.givenName | Should -Be 'Vera'
        $stored.name.familyName | Should -Be $Kind
        $stored.externalId | Should -Be "EMP-$Kind"

        ($shape | Get-ModeUser).Id | Should -Be $created.Id

        $renamed = New-Shape $Kind $userName 'Vera' "$Kind-Changed" "EMP-$Kind"
        $renamed | Set-ModeUser
        (Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path "Users/$($created.Id)").name.familyName | Should -Be "$Kind-Changed"

        $shape | Add-ModeGroupMember -Group 'Vocabulary'
        (Get-ModeGroupMember 'Vocabulary').Id | Should -Contain $created.Id
        $shape | Remove-ModeGroupMember -Group 'Vocabulary' -Confirm:$false
        $left = @((Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path "Groups/$($script:Group.Id)").members)
        $left.Count | Should -Be 0 -Because 'the only member was removed'
        @($left.value) | Should -Not -Contain $created.Id

        $shape | Disable-ModeUser -Reason 'vocabulary'
        (Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path "Users/$($created.Id)").active | Should -BeFalse
        $shape | Enable-ModeUser
        (Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path "Users/$($created.Id)").active | Should -BeTrue

        $plan = $shape | Sync-ModeUser -UpdateExisting -WhatIf 6>$null
        $plan.Created.Count | Should -Be 0
        $plan.Unchanged + $plan.Updated.Count | Should -Be 1

        $report = @(Get-ModeAccessReport -Reference $shape | Where-Object UserName -eq $userName)
        $report.Count | Should -Be 1
        $report[0].Status | Should -Be 'Ok'

        $shape | Remove-ModeUser -Confirm:$false
        { Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path "Users/$($created.Id)" } | Should -Throw '*404*'
    }

    It 'binds every user parameter by the names of the one table' {
        $table = [ModeScim.PowerShell.Commands.GetModeUserCommand].Assembly.GetType('ModeScim.PowerShell.Users.UserColumns')
        function Get-Column([string] $Name) { @($table.GetField($Name).GetValue($null)) }
        $identity = Get-Column 'Identity'
        $expected = @(
            @{ Command = 'Disable-ModeUser'; Parameter = 'Identity'; Names = $identity }
            @{ Command = 'Enable-ModeUser'; Parameter = 'Identity'; Names = $identity }
            @{ Command = 'Remove-ModeUser'; Parameter = 'Identity'; Names = $identity }
            @{ Command = 'Add-ModeGroupMember'; Parameter = 'Member'; Names = $identity + 'Members' }
            @{ Command = 'Remove-ModeGroupMember'; Parameter = 'Member'; Names = $identity + 'Members' }
            @{ Command = 'Sync-ModeGroup'; Parameter = 'Member'; Names = $identity + 'Members' }
            @{ Command = 'Set-ModeUser'; Parameter = 'Identity'; Names = (Get-Column 'UserName') + 'Id' }
        )
        foreach ($name in 'UserName', 'Email', 'GivenName', 'FamilyName', 'DisplayName', 'ExternalId') {
            $expected += @{ Command = 'New-ModeUser'; Parameter = $name; Names = @(Get-Column $name | Where-Object { $_ -ne $name }) }
            if ($name -ne 'UserName') {
                $expected += @{ Command = 'Set-ModeUser'; Parameter = $name; Names = @(Get-Column $name | Where-Object { $_ -ne $name }) }
            }
        }
        foreach ($case in $expected) {
            $aliases = @((Get-Command $case.Command).Parameters[$case.Parameter].Aliases)
            $aliases | Should -Be $case.Names -Because "$($case.Command) -$($case.Parameter) binds the table's names, in its order"
            (Get-Command $case.Command).Parameters[$case.Parameter].Attributes.ValueFromPipelineByPropertyName | Should -Contain $true
        }
    }
}

Describe 'Runtimes it claims' {
    BeforeAll {
        $script:Module = [ModeScim.PowerShell.Commands.GetModeUserCommand].Assembly
        $script:ModuleDirectory = Split-Path $script:Module.Location
        $script:Static = [System.Reflection.BindingFlags]'Static, Public, NonPublic'
        $script:Instance = [System.Reflection.BindingFlags]'Instance, Public, NonPublic'
    }

    It 'refuses PowerShell <Version> at import, naming the version it needs' -TestCases @(
        @{ Version = '7.0.0' }, @{ Version = '7.2.24' }, @{ Version = '7.3.12' }
    ) {
        $requirement = $script:Module.GetType('ModeScim.PowerShell.RuntimeRequirement')
        $message = $requirement.GetMethod('Refusal', $script:Static).Invoke($null, @($false, [version]$Version))

        $message | Should -BeLike "*needs PowerShell 7.4 or later*this is PowerShell $Version*"
    }

    It 'runs on PowerShell 7.4 and later and on Windows PowerShell 5.1' {
        $requirement = $script:Module.GetType('ModeScim.PowerShell.RuntimeRequirement')
        $refusal = $requirement.GetMethod('Refusal', $script:Static)

        $refusal.Invoke($null, @($false, [version]'7.4.0')) | Should -BeNullOrEmpty
        $refusal.Invoke($null, @($false, [version]'7.6.1')) | Should -BeNullOrEmpty
        $refusal.Invoke($null, @($true, [version]'3.0.0.0')) | Should -BeNullOrEmpty
        Get-Module ModeScim | Should -Not -BeNullOrEmpty -Because 'this host imported it'
    }

    It 'answers, on Windows PowerShell 5.1, only for its own dependencies at versions it can serve' {
        $resolverType = $script:Module.GetType('ModeScim.PowerShell.DependencyResolver')
        $resolver = $resolverType.GetConstructor([type[]]@([string])).Invoke([object[]]@([string]$script:ModuleDirectory))
        $pathFor = $resolverType.GetMethod('PathFor', $script:Instance)
        $client = [ModeScim.Client.ScimClient].Assembly
        $json = Join-Path $script:ModuleDirectory 'System.Text.Json.dll'
        $shipped = [System.Reflection.AssemblyName]::GetAssemblyName($json)
        $token = -join ($shipped.GetPublicKeyToken() | ForEach-Object { $_.ToString('x2') })
        $asShipped = [System.Reflection.AssemblyName]::new("System.Text.Json, Version=$($shipped.Version), Culture=neutral, PublicKeyToken=$token")
        $newer = [System.Reflection.AssemblyName]::new("System.Text.Json, Version=99.0.0.0, Culture=neutral, PublicKeyToken=$token")
        $older = [System.Reflection.AssemblyName]::new("System.Text.Json, Version=6.0.0.0, Culture=neutral, PublicKeyToken=$token")
        $unknown = [System.Reflection.AssemblyName]::new('Newtonsoft.Json, Version=13.0.0.0')
        $foreign = [System.Management.Automation.PSObject].Assembly

        $pathFor.Invoke($resolver, [object[]]@($asShipped, $client)) | Should -Be $json
        $pathFor.Invoke($resolver, [object[]]@($newer, $client)) | Should -BeNullOrEmpty -Because 'a newer version than shipped cannot be served'
        $pathFor.Invoke($resolver, [object[]]@($older, $foreign)) | Should -BeNullOrEmpty -Because "another module's request is not the module's to answer"
        $pathFor.Invoke($resolver, [object[]]@($unknown, $client)) | Should -BeNullOrEmpty

        # A request with no requesting assembly is answered only at a version the module's assemblies reference.
        $referenced = @($client.GetReferencedAssemblies() | Where-Object Name -eq 'System.Text.Json')[0]
        $resolverType.GetMethod('AddReferencesOf', $script:Instance).Invoke($resolver, [object[]]@($client))
        $pathFor.Invoke($resolver, [object[]]@($referenced.psobject.BaseObject, $null)) | Should -Be $json
        $pathFor.Invoke($resolver, [object[]]@($older, $null)) | Should -BeNullOrEmpty
    }

    It 'lets -ThrottleLimit requests be in flight to one server where .NET Framework allows two' {
        $limit = [ModeScim.Client.ScimClient].Assembly.GetType('ModeScim.Client.Http.FrameworkConnectionLimit')
        $raise = $limit.GetMethod('Raise', $script:Static)
        $server = [System.Net.ServicePointManager]::FindServicePoint([uri]"http://127.0.0.1:9/throttle-$([guid]::NewGuid().ToString('N'))/")
        $server.ConnectionLimit = 2

        $raise.Invoke($null, [object[]]@($server, 8))
        $server.ConnectionLimit | Should -Be 8
        $raise.Invoke($null, [object[]]@($server, 4))
        $server.ConnectionLimit | Should -Be 8 -Because 'a higher limit is never lowered'
    }
}

Describe 'Progress on every long operation' -Tag 'Slow' {
    BeforeAll {
        # Slow enough that each long operation runs past the progress interval (a quarter second).
        $script:Slow = Start-TestEmulator -Seed 120 -ExtraArguments @('--latency-ms', '300')
        $script:SlowUsers = @(Get-ModeUser -Connection (Connect-ModeScim -BaseUri $script:Slow.BaseUri -Token (ConvertTo-TestSecureString $script:Slow.Token) -PassThru))

        # Runs a command in its own PowerShell, as a user would, and returns its progress records.
        function Get-ProgressOf([string] $Command) {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript(@"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim -BaseUri '$($script:Slow.BaseUri)' -Token (ConvertTo-SecureString '$($script:Slow.Token)' -AsPlainText -Force)
$Command
"@)
                $null = $ps.Invoke()
                $ps.Streams.Error | ForEach-Object { throw $_ }
                @($ps.Streams.Progress)
            }
            finally {
                $ps.Dispose()
            }
        }

        function Assert-Progress($Records, [string] $Activity) {
            $mine = @($Records | Where-Object Activity -like $Activity)
            $mine.Count | Should -BeGreaterOrEqual 2 -Because "'$Activity' shows a bar, then clears it"
            @($mine | Where-Object RecordType -eq 'Processing').Count | Should -BeGreaterOrEqual 1
            $mine[-1].RecordType | Should -Be 'Completed' -Because 'a finished command leaves no bar behind'
            # The number of records is not bounded here: the bar is redrawn at most every quarter second, so a slower
            # machine rightly writes more of them, and any bound would be a bet on the machine's speed.
        }
    }
    AfterAll {
        Stop-ModeScimEmulator $script:Slow
    }

    It 'shows the access report reading users and groups' {
        $records = Get-ProgressOf '$null = Get-ModeAccessReport'
        Assert-Progress $records 'Get-ModeAccessReport: reading users'
        Assert-Progress $records 'Get-ModeAccessReport: reading groups'
    }

    It 'shows a group''s members being read' {
        $records = Get-ProgressOf '$null = Get-ModeGroupMember Finance'
        Assert-Progress $records 'Get-ModeGroupMember: Finance'
    }

    It 'shows a batch of disables' {
        $journal = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-progress-' + [guid]::NewGuid().ToString('N') + '.jsonl')
        $names = ($script:SlowUsers | Select-Object -First 10 | ForEach-Object { "'$($_.UserName)'" }) -join ','
        $records = Get-ProgressOf "$names | Disable-ModeUser -JournalPath '$journal'"
        Assert-Progress $records 'Disable-ModeUser: reading users and their groups'
        Assert-Progress $records 'Disable-ModeUser: disabling users'
        Remove-Item -LiteralPath $journal -ErrorAction SilentlyContinue
    }

    It 'counts a piped Disable-ModeUser and Enable-ModeUser -RestoreGroups over the whole input, naming the current user' {
        $journal = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-progress-' + [guid]::NewGuid().ToString('N') + '.jsonl')
        $names = ($script:SlowUsers | Where-Object Active | Select-Object -Skip 40 -First 40 | ForEach-Object { "'$($_.UserName)'" }) -join ','

        $disabling = Get-ProgressOf "$names | Disable-ModeUser -JournalPath '$journal'"
        $enabling = Get-ProgressOf "$names | Enable-ModeUser -RestoreGroups -JournalPath '$journal'"

        foreach ($records in @(, $disabling) + @(, $enabling)) {
            $counted = @($records | Where-Object { $_.RecordType -eq 'Processing' -and $_.StatusDescription -match ' of \d+' })
            $counted.Count | Should -BeGreaterOrEqual 1
            foreach ($record in $counted) { $record.StatusDescription | Should -Match ' of 40\)?$' }
        }
        Assert-Progress $enabling 'Enable-ModeUser'
        @($enabling | Where-Object { $_.Activity -eq 'Enable-ModeUser' -and $_.RecordType -eq 'Processing' })[0].StatusDescription |
            Should -Match '@example\.com \(\d+ of 40\)'
        Remove-Item -LiteralPath $journal -ErrorAction SilentlyContinue
    }

    It 'shows a sync of many groups' {
        $rows = ($script:SlowUsers | Select-Object -Skip 20 -First 3 | ForEach-Object -Begin { $i = 0 } -Process {
                "[pscustomobject]@{ Group = 'Progress $((++$i))'; UserName = '$($_.UserName)' }" }) -join ','
        $records = Get-ProgressOf "$rows | Sync-ModeGroup -CreateIfMissing | Out-Null"
        Assert-Progress $records 'Sync-ModeGroup'
    }
}
