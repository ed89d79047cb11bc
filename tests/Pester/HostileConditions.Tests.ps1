# Defects found by trying the module as a hostile tester would: jobs sharing a journal, sloppy exports,
# text a pipeline would execute, servers that describe users they cannot address, journals of personal data,
# and invisible characters. Each case failed before its fix.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Pwsh = if ($PSVersionTable.PSEdition -eq 'Core') { Join-Path $PSHOME 'pwsh' } else { Join-Path $PSHOME 'powershell.exe' }
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-field-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:Work

    function Read-JournalLines([string] $Path) {
        @(Get-Content -LiteralPath $Path | Where-Object { $_ -ne '' })
    }
}

AfterAll {
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Jobs sharing one journal' -Tag 'Slow' {
    It 'keeps every record whole when 4 processes append 1,000 records each, run <_>' -ForEach (1..3) {
        $journal = Join-Path $script:Work ("shared-$_-" + [guid]::NewGuid().ToString('N') + '.jsonl')
        # Each process appends through the module's own writer, as a Disable-ModeUser job does.
        $writer = @'
param($Manifest, $Path, $Job, $Count)
Import-Module $Manifest
$assembly = [ModeScim.PowerShell.Commands.DisableModeUserCommand].Assembly
$entryType = $assembly.GetType('ModeScim.PowerShell.Journal.JournalEntry')
$append = $assembly.GetType('ModeScim.PowerShell.Journal.JournalWriter').GetMethod('Append')
for ($i = 0; $i -lt $Count; $i++) {
    $entry = [Activator]::CreateInstance($entryType)
    $entry.Action = 'Disable'
    $entry.UserId = "job$Job-$i"
    $entry.UserName = "job$Job-$i@example.com"
    $entry.Time = [datetime]::UtcNow
    $null = $append.Invoke($null, @($Path, $entry))
}
'@
        $script = Join-Path $script:Work 'append.ps1'
        Set-Content -LiteralPath $script -Value $writer
        $processes = foreach ($job in 1..4) {
            Start-Process -FilePath $script:Pwsh -ArgumentList @('-NoProfile', '-NonInteractive', '-File', $script, $script:ModuleManifest, $journal, $job, 1000) -PassThru -NoNewWindow
        }
        $processes | Wait-Process -Timeout 300
        $processes | ForEach-Object { $_.ExitCode | Should -Be 0 }

        $lines = Read-JournalLines $journal
        $lines.Count | Should -Be 4000
        $records = foreach ($line in $lines) { $line | ConvertFrom-Json }
        $ids = $records.userId
        @($ids | Sort-Object -Unique).Count | Should -Be 4000
        foreach ($job in 1..4) { @($ids | Where-Object { $_ -like "job$job-*" }).Count | Should -Be 1000 }
        # Numbered while each append held the file: no two records share a number, and the numbers follow the lines.
        ($records.seq -join ',') | Should -Be ((1..4000) -join ',')
    }

    It 'keeps a record for every user when 4 Disable-ModeUser jobs share the journal' {
        $emulator = Start-TestEmulator -Seed 240 -ExtraArguments @('--max-page-size', '1000')
        try {
            $users = @((Invoke-EmulatorScim -Emulator $emulator -Method Get -Path 'Users?count=1000').Resources | Where-Object active)
            $journal = Join-Path $script:Work ('jobs-' + [guid]::NewGuid().ToString('N') + '.jsonl')
            $job = @'
param($Manifest, $BaseUri, $Token, $Names, $Path)
Import-Module $Manifest
Connect-ModeScim -BaseUri $BaseUri -Token (ConvertTo-SecureString $Token -AsPlainText -Force)
Get-Content -LiteralPath $Names | Disable-ModeUser -JournalPath $Path
'@
            $script = Join-Path $script:Work 'disable.ps1'
            Set-Content -LiteralPath $script -Value $job
            $processes = for ($i = 0; $i -lt 4; $i++) {
                $names = Join-Path $script:Work "names-$i.txt"
                $users | Select-Object -Skip ($i * 50) -First 50 | ForEach-Object userName | Set-Content -LiteralPath $names
                Start-Process -FilePath $script:Pwsh -ArgumentList @('-NoProfile', '-NonInteractive', '-File', $script, $script:ModuleManifest, $emulator.BaseUri, $emulator.Token, $names, $journal) -PassThru -NoNewWindow
            }
            $processes | Wait-Process -Timeout 300

            $records = Read-JournalLines $journal | ForEach-Object { $_ | ConvertFrom-Json }
            $records.Count | Should -Be 200
            @($records.userId | Sort-Object -Unique).Count | Should -Be 200
            ($records.seq -join ',') | Should -Be ((1..200) -join ',')
        }
        finally {
            Stop-ModeScimEmulator $emulator
        }
    }

    It 'reads a journal while another job appends to it' {
        $journal = Join-Path $script:Work ('read-' + [guid]::NewGuid().ToString('N') + '.jsonl')
        $writer = Start-Process -FilePath $script:Pwsh -ArgumentList @('-NoProfile', '-NonInteractive', '-File', (Join-Path $script:Work 'append.ps1'), $script:ModuleManifest, $journal, 9, 500) -PassThru -NoNewWindow
        $reads = 0
        while (-not $writer.HasExited) {
            if (Test-Path -LiteralPath $journal) {
                $null = @(Get-ModeScimJournal -Path $journal -WarningAction SilentlyContinue)
                $reads++
            }
        }
        $writer.ExitCode | Should -Be 0
        @(Get-ModeScimJournal -Path $journal).Count | Should -Be 500
    }
}

Describe 'Sloppy exports' -Tag 'Slow' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator
        Connect-TestEmulator -Emulator $script:Emulator
        $null = New-EmulatorUser -Emulator $script:Emulator -UserName 'ada@example.com'
    }
    AfterAll {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
    }

    It 'refuses a semicolon export read without -Delimiter as an empty set, naming the columns it saw' {
        $csv = Join-Path $script:Work 'semicolons.csv'
        Set-Content -LiteralPath $csv -Value @('UserName;GivenName;FamilyName', 'ada@example.com;Ada;Lovelace', 'bob@example.com;Bob;Byte')
        Reset-ModeScimEmulator $script:Emulator

        $thrown = { Import-Csv -LiteralPath $csv | Sync-ModeUser -DisableMissing -MaxDisable 100% -JournalPath (Join-Path $script:Work 'j.jsonl') } |
            Should -Throw -ErrorId 'ModeScim.EmptyDesiredSet,ModeScim.PowerShell.Commands.SyncModeUserCommand' -PassThru
        $thrown.Exception.Message | Should -Match "2 row\(s\).*'UserName;GivenName;FamilyName'.*-Delimiter"
        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
    }

    It 'names the row number and the columns of a row without a key' {
        $rows = @([pscustomobject]@{ UserName = 'ada@example.com' }, [pscustomobject]@{ Mail = ''; Dept = 'Sales' })
        $result = $rows | Sync-ModeUser -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].Exception.Message | Should -Match "row 2 has no UserName \(columns: 'Mail', 'Dept'\)"
        $result.Unchanged | Should -Be 1
    }
}

Describe 'Text a pipeline would execute' -Tag 'Slow' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator
    }
    AfterAll {
        Stop-ModeScimEmulator $script:Emulator
    }

    It 'never prints a logging command hidden in a name from an HR file, under Azure DevOps' {
        # The names come from a file, as they would from an HR export: the step's own text holds none of them.
        $names = Join-Path $script:Work 'hostile-names.csv'
        @(
            [pscustomobject]@{ UserName = 'new.hire ##vso[task.setvariable variable=Owned]yes' }
            [pscustomobject]@{ UserName = 'x ##[error]forged' }
            [pscustomobject]@{ UserName = 'bad ##vso[task.complete result=Failed;]done' }
        ) | Export-Csv -LiteralPath $names -NoTypeInformation
        $step = Join-Path $script:Work 'step.ps1'
        Set-Content -LiteralPath $step -Value @"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim
Import-Csv -LiteralPath '$names' | ForEach-Object UserName | Get-ModeUser -ErrorAction Continue
Import-Csv -LiteralPath '$names' | New-ModeUser -ErrorAction Continue
Write-Host 'step done'
"@
        $saved = @{ TF_BUILD = $env:TF_BUILD; MODE_SCIM_BASE_URI = $env:MODE_SCIM_BASE_URI; MODE_SCIM_TOKEN = $env:MODE_SCIM_TOKEN; NO_COLOR = $env:NO_COLOR }
        try {
            $env:TF_BUILD = 'True'; $env:MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; $env:MODE_SCIM_TOKEN = $script:Emulator.Token; $env:NO_COLOR = '1'
            $output = (& $script:Pwsh -NoProfile -NonInteractive -File $step 2>&1 | ForEach-Object { "$_" }) -join "`n"
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }

        $output | Should -Match 'step done'
        $output | Should -Match '##vso%5Btask.setvariable'
        $output | Should -Not -Match '##vso\[task\.setvariable'
        $output | Should -Not -Match '##\[error\]'
        $output | Should -Not -Match '##vso\[task\.complete result=Failed'
    }
}

Describe 'A server that describes a user it gives no usable id' -Tag 'Slow' {
    It 'refuses to journal or change a user whose id is ".."' {
        # A stub server on loopback: it finds ada, but with the id "..".
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $server = [powershell]::Create().AddScript({
                param($Listener)
                $body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"startIndex":1,"itemsPerPage":1,"Resources":[{"id":"..","userName":"ada@example.com","active":true,"groups":[]}]}'
                $served = 0
                while ($served -lt 20) {
                    $client = $Listener.AcceptTcpClient()
                    $stream = $client.GetStream()
                    $reader = [System.IO.StreamReader]::new($stream)
                    while (($line = $reader.ReadLine()) -ne '') { if ($null -eq $line) { break } }
                    $bytes = [System.Text.Encoding]::UTF8.GetBytes($body)
                    $head = "HTTP/1.1 200 OK`r`nContent-Type: application/scim+json`r`nContent-Length: $($bytes.Length)`r`nConnection: close`r`n`r`n"
                    $headBytes = [System.Text.Encoding]::ASCII.GetBytes($head)
                    $stream.Write($headBytes, 0, $headBytes.Length)
                    $stream.Write($bytes, 0, $bytes.Length)
                    $client.Close()
                    $served++
                }
            }).AddArgument($listener)
        $handle = $server.BeginInvoke()
        try {
            Connect-ModeScim -BaseUri "http://127.0.0.1:$port/scim/v2" -Token (ConvertTo-TestSecureString 't') -SkipDiscovery -MaxRetries 0
            $journal = Join-Path $script:Work 'dotdot.jsonl'

            $errors = Get-ErrorRecords { Disable-ModeUser 'ada@example.com' -JournalPath $journal }

            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidResponse,ModeScim.PowerShell.Commands.DisableModeUserCommand'
            $errors[0].Exception.Message | Should -Match "the id '\.\.'"
            $journal | Should -Not -Exist
        }
        finally {
            Disconnect-ModeScim
            $listener.Stop()
            $server.Dispose()
        }
    }
}

Describe 'Journals of personal data' -Tag 'Slow' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
    BeforeAll {
        $script:Emulator = Start-TestEmulator
        Connect-TestEmulator -Emulator $script:Emulator
        $null = New-EmulatorUser -Emulator $script:Emulator -UserName 'ada@example.com'
        $null = New-EmulatorUser -Emulator $script:Emulator -UserName 'bob@example.com'
        $null = New-EmulatorUser -Emulator $script:Emulator -UserName 'dee@example.com'
    }
    AfterAll {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
    }

    It 'creates the journal readable by its owner only, in a folder only its owner can enter (Unix modes)' -Skip:$IsWindows {
        $folder = Join-Path $script:Work ('private-' + [guid]::NewGuid().ToString('N'))
        $journal = Join-Path $folder 'journal.jsonl'
        Disable-ModeUser 'ada@example.com' -JournalPath $journal

        (Get-Item -LiteralPath $journal).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        (Get-Item -LiteralPath $folder).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
    }

    It 'creates the journal and its folder with a protected access list naming only the current user (Windows)' -Skip:(-not $IsWindows) {
        $folder = Join-Path $script:Work ('private-' + [guid]::NewGuid().ToString('N'))
        $journal = Join-Path $folder 'journal.jsonl'
        Disable-ModeUser 'dee@example.com' -JournalPath $journal

        $me = [System.Security.Principal.WindowsIdentity]::GetCurrent().User
        foreach ($item in @($journal, $folder)) {
            $acl = Get-Acl -LiteralPath $item
            $acl.AreAccessRulesProtected | Should -BeTrue -Because "$item inherits nothing from its parent"
            $rules = @($acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]))
            $rules.Count | Should -Be 1 -Because "$item has one entry"
            $rules[0].IdentityReference | Should -Be $me
            $rules[0].FileSystemRights | Should -Be ([System.Security.AccessControl.FileSystemRights]::FullControl)
        }
    }

    # Creating a symbolic link on Windows needs Developer Mode or elevation, which a test run cannot assume.
    It 'refuses a journal path that is a symbolic link, and changes nothing' -Skip:$IsWindows {
        $target = Join-Path $script:Work 'elsewhere.txt'
        $link = Join-Path $script:Work ('link-' + [guid]::NewGuid().ToString('N') + '.jsonl')
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $target
        Reset-ModeScimEmulator $script:Emulator

        $errors = Get-ErrorRecords { Disable-ModeUser 'bob@example.com' -JournalPath $link }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.JournalWriteFailed,ModeScim.PowerShell.Commands.DisableModeUserCommand'
        $target | Should -Not -Exist
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'refuses a journal on a drive that is not the file system' {
        { Disable-ModeUser 'bob@example.com' -JournalPath 'Env:MODESCIM_TEST_JOURNAL' } |
            Should -Throw -ErrorId 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.DisableModeUserCommand'
        Test-Path Env:MODESCIM_TEST_JOURNAL | Should -BeFalse
    }

    It 'resolves a relative journal path against the PowerShell location' {
        $null = New-EmulatorUser -Emulator $script:Emulator -UserName 'cy@example.com'
        Push-Location $script:Work
        try {
            Disable-ModeUser 'cy@example.com' -JournalPath 'relative.jsonl'
        }
        finally {
            Pop-Location
        }
        Join-Path $script:Work 'relative.jsonl' | Should -Exist
    }
}

Describe 'Invisible characters and secrets in connection input' -Tag 'Slow' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator
        Connect-TestEmulator -Emulator $script:Emulator
    }
    AfterAll {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
    }

    It 'refuses <Name> in an identity before any request' -TestCases @(
        @{ Name = 'a zero-width space'; Char = 0x200B }
        @{ Name = 'a zero-width joiner'; Char = 0x200D }
        @{ Name = 'a word joiner'; Char = 0x2060 }
        @{ Name = 'a byte order mark'; Char = 0xFEFF }
        @{ Name = 'a soft hyphen'; Char = 0x00AD }
    ) {
        Reset-ModeScimEmulator $script:Emulator
        $text = 'ada' + [char]$Char + '@example.com'
        $errors = Get-ErrorRecords { Get-ModeUser -Identity $text; New-ModeUser -UserName $text }
        @($errors.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Sort-Object -Unique) | Should -Be @('ModeScim.InvalidInput')
        $errors.Count | Should -Be 2
        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
    }

    It 'keeps a zero-width non-joiner in a given name, where Persian needs it' {
        $user = New-ModeUser -UserName 'mina@example.com' -GivenName ('Mi' + [char]0x200C + 'na')
        $user.GivenName | Should -Be ('Mi' + [char]0x200C + 'na')
    }

    It 'refuses a token holding a line break, without showing it' {
        $thrown = { Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString "secret-part`nX-Injected: 1") } |
            Should -Throw -ErrorId 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.ConnectModeScimCommand' -PassThru
        $thrown.Exception.Message | Should -Not -BeNullOrEmpty
        ($thrown | Out-String) | Should -Not -Match 'secret-part'
        $thrown.Exception.Message | Should -Not -Match 'secret-part'
    }

    It 'refuses a base URI holding <Case> without echoing the secret' -TestCases @(
        @{ Case = 'credentials'; Uri = 'https://admin:hunter2secret@mode example/scim' }
        @{ Case = 'an access token in its query'; Uri = 'https://mode.example/scim?access_token=hunter2secret' }
        @{ Case = 'a line break and a token'; Uri = "https://mode.example/scim`n?access_token=hunter2secret" }
    ) {
        $record = $null
        try { Connect-ModeScim -BaseUri $Uri -Token (ConvertTo-TestSecureString 't') } catch { $record = $_ }
        $record.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.ConnectModeScimCommand'
        ($record.Exception.Message + ' ' + $record.TargetObject + ' ' + $record.CategoryInfo.TargetName) | Should -Not -Match 'hunter2secret'
    }
}

Describe 'Connections per runspace' -Tag 'Slow' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
    BeforeAll { $script:Emulator = Start-TestEmulator -Seed 30 }
    AfterAll { Stop-ModeScimEmulator $script:Emulator }

    It 'lets 8 parallel runspaces each connect and list, none closing another''s connection' {
        $manifest = $script:ModuleManifest
        $base = $script:Emulator.BaseUri
        $token = $script:Emulator.Token
        $results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:manifest
            Connect-ModeScim -BaseUri $using:base -Token (ConvertTo-SecureString $using:token -AsPlainText -Force)
            Start-Sleep -Milliseconds 100
            @(Get-ModeUser).Count
            Disconnect-ModeScim
        } 2>&1

        @($results | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        @($results | Where-Object { $_ -eq 30 }).Count | Should -Be 8
    }
}

Describe 'Group syncs from a sloppy CSV' -Tag 'Slow' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator
        Connect-TestEmulator -Emulator $script:Emulator
    }
    AfterAll {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
    }
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:members = foreach ($name in 'ada', 'bob', 'cy', 'dee') { New-EmulatorUser -Emulator $script:Emulator -UserName "$name@example.com" }
        $script:analytics = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Analytics' -MemberIds $script:members.id
        $script:journal = Join-Path $script:Work ('groups-' + [guid]::NewGuid().ToString('N') + '.jsonl')
        Reset-ModeScimEmulator $script:Emulator
    }

    It 'trims the blanks a spreadsheet leaves, so nobody is removed and no second group is created' {
        $csv = Join-Path $script:Work 'blanks.csv'
        Set-Content -LiteralPath $csv -Value @('Group,UserName', 'Analytics ,ada@example.com ', ' Analytics, bob@example.com', 'Analytics,cy@example.com  ', 'Analytics ,dee@example.com')

        $result = Import-Csv -LiteralPath $csv | Sync-ModeGroup -CreateIfMissing -JournalPath $script:journal

        $result.Created | Should -BeFalse
        $result.Unchanged | Should -Be 4
        @($result.Removed).Count | Should -Be 0
        @((Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path 'Groups').Resources).Count | Should -Be 1
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'refuses a plan whose desired names mostly match nobody, and changes nothing' {
        $errors = Get-ErrorRecords { $null = Sync-ModeGroup -Group 'Analytics' -Member 'ada@example.com', 'adx@example.com', 'bxb@example.com', 'cxy@example.com' -JournalPath $script:journal }

        @($errors.FullyQualifiedErrorId) | Should -Contain 'ModeScim.DesiredSetUnresolved,ModeScim.PowerShell.Commands.SyncModeGroupCommand'
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:analytics.id).Count | Should -Be 4
    }

    It 'goes ahead when -MaxUnresolved allows it' {
        $result = Sync-ModeGroup -Group 'Analytics' -Member 'ada@example.com', 'nobody@example.com' -MaxUnresolved 1 -JournalPath $script:journal -WarningAction SilentlyContinue
        @($result.Removed).Count | Should -Be 3
    }

    It 'journals each add and removal before making it, so a sync can be listed and undone' {
        $newcomer = New-EmulatorUser -Emulator $script:Emulator -UserName 'eve@example.com'
        $null = Sync-ModeGroup -Group 'Analytics' -Member 'ada@example.com', 'bob@example.com', 'eve@example.com' -JournalPath $script:journal

        $removed = @(Get-ModeScimJournal -Path $script:journal -Action GroupRemove)
        @($removed.UserName | Sort-Object) | Should -Be @('cy@example.com', 'dee@example.com')
        $removed[0].Groups[0].Id | Should -Be $script:analytics.id
        @(Get-ModeScimJournal -Path $script:journal -Action GroupAdd).UserId | Should -Be @($newcomer.id)

        # Undo: put back everyone the sync removed.
        Get-ModeScimJournal -Path $script:journal -Action GroupRemove | ForEach-Object { Add-ModeGroupMember -Group $_.Groups[0].Id -Member $_.UserId }

        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:analytics.id).Count | Should -Be 5
    }
}

Describe 'Servers that miscount, page forever or flood' -Tag 'Slow' {
    It 'reads every user from a server whose totalResults is too low, without a warning' {
        $emulator = Start-TestEmulator -Seed 30 -ExtraArguments @('--total-results', 'low', '--max-page-size', '10')
        try {
            Connect-TestEmulator -Emulator $emulator
            $users = @(Get-ModeUser -WarningVariable warnings)
            $users.Count | Should -Be 30
            $warnings | Should -BeNullOrEmpty
        }
        finally {
            Disconnect-ModeScim
            Stop-ModeScimEmulator $emulator
        }
    }

    It 'warns with both numbers when a listing ends before the server''s own count, and journals nothing it cannot trust' {
        $emulator = Start-TestEmulator -Seed 30 -ExtraArguments @('--total-results', 'high', '--max-page-size', '10', '--user-groups', 'omitted')
        try {
            Connect-TestEmulator -Emulator $emulator
            $users = @(Get-ModeUser -WarningVariable warnings -WarningAction SilentlyContinue)
            $users.Count | Should -Be 30
            "$warnings" | Should -Match 'reported 60 users, but its listing ended after 30'
            $null = Get-ModeAccessReport -WarningVariable reportWarnings -WarningAction SilentlyContinue
            "$reportWarnings" | Should -Match 'ended after 30'

            # With users' groups untrusted, memberships come from a group listing that is now known to be short.
            $someone = ($users | Where-Object Active | Select-Object -First 1).UserName
            $journal = Join-Path $script:Work ('short-' + [guid]::NewGuid().ToString('N') + '.jsonl')
            Reset-ModeScimEmulator $emulator
            $errors = Get-ErrorRecords { Disable-ModeUser $someone -JournalPath $journal }
            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidResponse,ModeScim.PowerShell.Commands.DisableModeUserCommand'
            $journal | Should -Not -Exist
            (Get-ModeScimEmulatorStats $emulator).mutating | Should -Be 0
        }
        finally {
            Disconnect-ModeScim
            Stop-ModeScimEmulator $emulator
        }
    }

    It 'stops a listing past -MaxListPages with ModeScim.ListingTooLong' {
        $emulator = Start-TestEmulator -Seed 30 -ExtraArguments @('--max-page-size', '5')
        try {
            Connect-ModeScim -BaseUri $emulator.BaseUri -Token (ConvertTo-TestSecureString $emulator.Token) -MaxListPages 3
            $errors = Get-ErrorRecords { $null = Get-ModeUser }
            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.ListingTooLong,ModeScim.PowerShell.Commands.GetModeUserCommand'
        }
        finally {
            Disconnect-ModeScim
            Stop-ModeScimEmulator $emulator
        }
    }

    It 'refuses a response larger than -MaxResponseSizeMB with ModeScim.ResponseTooLarge' {
        $emulator = Start-TestEmulator -Seed 7000 -ExtraArguments @('--max-page-size', '7000')
        try {
            $ids = @((Invoke-EmulatorScim -Emulator $emulator -Method Get -Path 'Users?count=7000').Resources.id)
            $null = New-EmulatorGroup -Emulator $emulator -DisplayName 'Everyone' -MemberIds $ids
            Connect-ModeScim -BaseUri $emulator.BaseUri -Token (ConvertTo-TestSecureString $emulator.Token) -MaxResponseSizeMB 1
            Reset-ModeScimEmulator $emulator

            # The group with its 7,000 members is over 1 MB.
            $errors = Get-ErrorRecords { $null = Get-ModeGroupMember 'Everyone' }

            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.ResponseTooLarge,ModeScim.PowerShell.Commands.GetModeGroupMemberCommand'
            (Get-ModeScimEmulatorStats $emulator).total | Should -Be 1
        }
        finally {
            Disconnect-ModeScim
            Stop-ModeScimEmulator $emulator
        }
    }
}
