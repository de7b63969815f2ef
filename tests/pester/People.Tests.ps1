# Get-TallyfyUser, Get-TallyfyGuest, Get-TallyfyGroup and the completion of emails and blueprint ids,
# through a real pwsh against a real sandbox process (this file owns its sandbox: it reads the request log).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 40
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    function script:Complete([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches) }
    $script:members = @((Invoke-TallyfySandboxControl $sb GET info).members | Where-Object organizationId -eq $org)
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Get-TallyfyUser' {
    It 'lists every member as a typed TallyfyUser (Id, Email, Name, Role, Status, LastLoginAt)' {
        $users = @(Get-TallyfyUser)
        $users.Count | Should -Be $members.Count
        ($users.Id | Sort-Object) | Should -Be ($members.id | Sort-Object)
        $users[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyUser])
        $dana = $users | Where-Object Id -eq 1001
        $dana.Email | Should -Be 'dana.whitfield@acme.example'
        $dana.Name | Should -Be 'Dana Whitfield'
        $dana.Role | Should -Be 'admin'
        $dana.Status | Should -Be 'active'
        $dana.LastLoginAt | Should -BeOfType ([DateTimeOffset])
        ($dana | ConvertTo-Csv | ConvertFrom-Csv).LastLoginAt | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'   # ISO 8601 in exports
        # Never signed in: no date.
        ($users | Where-Object Id -eq 1006).LastLoginAt | Should -BeNullOrEmpty
    }

    It 'trap: the service''s default page is everyone at once (9999); the module asks for pages of 100 and streams' {
        # The trap exists: a list without per_page is one page of 9999.
        $raw = Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/users"
        $raw.Body.meta.pagination.per_page | Should -Be 9999
        $since = LastSeq
        $null = @(Get-TallyfyUser)
        $reads = @(RequestsSince $since | Where-Object path -like '*/users')
        $reads.Count | Should -Be 1
        $reads[0].query | Should -Match '(^|&)per_page=100(&|$)'
        # Fewer wanted, a smaller page: -First 2 is one request of 2.
        $since = LastSeq
        $two = @(Get-TallyfyUser -First 2)
        $two.Count | Should -Be 2
        $reads = @(RequestsSince $since | Where-Object path -like '*/users')
        $reads.Count | Should -Be 1
        $reads[0].query | Should -Match 'per_page=2(&|$)'
    }

    It 'reads roles in any case as one lower-case spelling' {
        $raw = (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/users?per_page=100").Body.data
        @($raw.role | Where-Object { $_ -cne $_.ToLowerInvariant() }).Count | Should -BeGreaterThan 0   # the service mixes cases
        (Get-TallyfyUser).Role | Sort-Object -Unique | Should -Be @('admin', 'light', 'standard')
    }

    It 'filters -Email with wildcards (on the client, narrowed by the service''s q search)' {
        $since = LastSeq
        $marco = @(Get-TallyfyUser -Email 'marco*')
        $marco.Id | Should -Be 1002
        (RequestsSince $since | Where-Object path -like '*/users')[0].query | Should -Match '(^|&)q=marco(&|$)'
        # q is a substring search on name, email or username: the pattern itself decides.
        @(Get-TallyfyUser -Email '*@acme.example').Count | Should -Be $members.Count
        @(Get-TallyfyUser -Email 'MARCO.REYES@ACME.EXAMPLE').Id | Should -Be 1002
        @(Get-TallyfyUser -Email '*.reyes@*', 'sofia*').Id | Sort-Object | Should -Be @(1002, 1005)
    }

    It 'filters -Name with wildcards, -Role and -Status' {
        @(Get-TallyfyUser -Name '*Rossi').Id | Should -Be 1005
        @(Get-TallyfyUser -Name 'liam*').Id | Should -Be 1004
        @(Get-TallyfyUser -Role admin).Id | Sort-Object | Should -Be @(1001, 1005, 1010)
        @(Get-TallyfyUser -Status invited).Id | Sort-Object | Should -Be @(1006, 1008)
        @(Get-TallyfyUser -Role light -Status active).Id | Sort-Object | Should -Be @(1003, 1009)
        @(Get-TallyfyUser -Role Admin, Light -Status Disabled).Id | Should -Be 1010
        { Get-TallyfyUser -Role owner } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TallyfyPS.Cmdlets.GetTallyfyUserCommand'
    }

    It 'writes UserNotFound for a wildcard-free -Email or -Name that matches no one, and nothing for a wildcard' {
        $out = @(Get-TallyfyUser -Email 'nobody@acme.example' -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'UserNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -Match 'nobody@acme\.example'
        @(Get-TallyfyUser -Email 'nobody*' -ErrorVariable none -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        $none | Should -BeNullOrEmpty
    }

    It 'gets members by -Id from one read of the list, also for a member who may not read one member (not an admin)' {
        $standard = Connect-TallyfySandbox $sb -As standard
        try {
            $since = LastSeq
            $out = @(Get-TallyfyUser -Id 1005, 99999, 1002 -Session $standard -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Id | Should -Be @(1005, 1002)
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'UserNotFound,*'
            $errs[0].TargetObject | Should -Be 99999
            $reads = @(RequestsSince $since)
            $reads.Count | Should -Be 1
            $reads[0].path | Should -Be "/api/organizations/$org/users"
            # The one-member endpoint is administrators-only: it is not what -Id uses.
            (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/users/1005" -Token $sb.Tokens.standard).Status | Should -Be 403
            @(1002, 1001 | Get-TallyfyUser -Session $standard).Id | Should -Be @(1002, 1001)
        }
        finally { $null = Connect-TallyfySandbox $sb }
    }

    It 'adds each member''s groups with -IncludeGroups' {
        $marco = Get-TallyfyUser -Email marco.reyes@acme.example -IncludeGroups
        @($marco.GroupIds) | Sort-Object | Should -Be @('9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01', '9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d03')
        (Get-TallyfySandboxRequest $sb | Select-Object -Last 1).query | Should -Match 'with=groups'
    }
}

Describe 'Get-TallyfyGuest' {
    It 'lists the organization''s guests as TallyfyGuest' {
        $guests = @(Get-TallyfyGuest)
        $guests.Email | Sort-Object | Should -Be @('olga.petrov@contoso.example', 'rita.gomez@fabrikam.example', 'sam.lee@northwind.example', 'tom.baker@contractors.example')
        $guests[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyGuest])
        ($guests | Where-Object Email -like 'olga*').Name | Should -Be 'Olga Petrov'
        ($guests | Where-Object Email -like 'olga*').CompanyName | Should -Not -BeNullOrEmpty
    }

    It 'filters -Email with wildcards; a wildcard-free email that is no guest''s is GuestNotFound' {
        @(Get-TallyfyGuest -Email '*contoso*').Email | Should -Be 'olga.petrov@contoso.example'
        @(Get-TallyfyGuest 'SAM.LEE@northwind.example').Email | Should -Be 'sam.lee@northwind.example'
        $out = @(Get-TallyfyGuest -Email 'ghost@example.com' -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'GuestNotFound,*'
    }
}

Describe 'Get-TallyfyGroup' {
    It 'lists groups with member ids and guest emails' {
        $groups = @(Get-TallyfyGroup)
        $groups.Count | Should -Be 6
        $finance = $groups | Where-Object Name -eq 'Finance team'
        @($finance.MemberIds) | Should -Be @(1001, 1002, 1005)
        @($finance.Guests) | Should -Be @('olga.petrov@contoso.example')
        $finance.Members | Should -BeNullOrEmpty
    }

    It 'reads the members as users with -IncludeMembers' {
        $finance = Get-TallyfyGroup -Name 'Fin*' -IncludeMembers
        $finance.Name | Should -Be 'Finance team'
        $finance.Members[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyUser])
        $finance.Members.Email | Should -Be @('dana.whitfield@acme.example', 'marco.reyes@acme.example', 'sofia.rossi@acme.example')
        (Get-TallyfySandboxRequest $sb | Select-Object -Last 1).query | Should -Match 'with=users'
    }

    It 'gets groups by -Id: GroupNotFound for an unknown id, InvalidGroupId for what is no id' {
        $out = @(Get-TallyfyGroup -Id '9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d04', '0123456789abcdef0123456789abcdef', 'Leadership' -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Name | Should -Be 'Leadership'
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'GroupNotFound,*'
        $errs[1].FullyQualifiedErrorId | Should -BeLike 'InvalidGroupId,*'
        $errs[1].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'People views' {
    It 'has a table view that fits 120 columns, the id or email first, for <Type>' -ForEach @(
        @{ Type = 'TallyfyUser'; First = 'Id' }, @{ Type = 'TallyfyGuest'; First = 'Email' }, @{ Type = 'TallyfyGroup'; First = 'Id' }
    ) {
        $table = @(Get-FormatData -TypeName "TallyfyPS.Model.$Type" -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition |
            Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1
        $table | Should -Not -BeNullOrEmpty
        $table.Control.Headers[0].Label | Should -Be $First
        ($table.Control.Headers | Measure-Object Width -Sum).Sum + $table.Control.Headers.Count - 1 | Should -BeLessOrEqual 120
        @($table.Control.Headers | Where-Object Width -eq 0).Count | Should -Be 1
    }

    It 'shows users, guests and groups at 120 columns' {
        foreach ($text in (Get-TallyfyUser | Format-Table | Out-String -Width 120), (Get-TallyfyGuest | Format-Table | Out-String -Width 120), (Get-TallyfyGroup | Format-Table | Out-String -Width 120)) {
            $text -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
        }
        Get-TallyfyUser -Id 1002 | Format-Table | Out-String -Width 120 | Should -Match 'marco\.reyes@acme\.example\s+Marco Reyes\s+standard\s+active'
    }
}

Describe 'Tab completion of people and blueprints' {
    It 'completes members'' emails for -Owner, -Actor and -Email, by the start of the email or a part of the name' {
        foreach ($line in 'Get-TallyfyRun -Owner marc', 'Get-TallyfyTask -Owner marc', 'New-TallyfyTask -Title x -Owner marc', 'Get-TallyfyActivity -Actor marc', 'Get-TallyfyUser -Email marc') {
            (Complete $line).CompletionText | Should -Be 'marco.reyes@acme.example' -Because $line
        }
        $byName = Complete 'Get-TallyfyRun -Owner Rossi'
        $byName.CompletionText | Should -Be 'sofia.rossi@acme.example'
        $byName[0].ToolTip | Should -Match 'Sofia Rossi \(admin'
        @(Complete 'Get-TallyfyRun -Owner ').Count | Should -Be $members.Count
    }

    It 'reads the members once per session for completion' {
        $null = Connect-TallyfySandbox $sb
        $since = LastSeq
        $null = Complete 'Get-TallyfyRun -Owner d'
        $null = Complete 'Get-TallyfyActivity -Actor s'
        $null = Complete 'New-TallyfyTask -Title x -Owner j'
        @(RequestsSince $since | Where-Object path -like '*/users').Count | Should -Be 1
    }

    It 'completes guests'' emails for Get-TallyfyGuest -Email' {
        (Complete 'Get-TallyfyGuest -Email ri').CompletionText | Should -Be 'rita.gomez@fabrikam.example'
    }

    It 'completes blueprint ids for -BlueprintId of Get-TallyfyRun, by title or id, showing the title' {
        $quarterly = (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/checklists?q=Quarterly").Body.data[0]
        $byTitle = Complete 'Get-TallyfyRun -BlueprintId Quarterly'
        $byTitle.CompletionText | Should -Contain $quarterly.id
        ($byTitle | Where-Object CompletionText -eq $quarterly.id).ListItemText | Should -Match 'Quarterly audit'
        (Complete "Get-TallyfyRun -BlueprintId $($quarterly.id.Substring(0, 5))").CompletionText | Should -Contain $quarterly.id
        (Complete 'Get-TallyfyActivity -TemplateId Quarterly').CompletionText | Should -Contain $quarterly.id
    }

    It 'completes nothing, silently, without a session' {
        Disconnect-Tallyfy
        try {
            Complete 'Get-TallyfyRun -Owner marc' | Where-Object ResultType -eq 'ParameterValue' | Should -BeNullOrEmpty
            Complete 'Get-TallyfyRun -BlueprintId Quarterly' | Where-Object ResultType -eq 'ParameterValue' | Should -BeNullOrEmpty
        }
        finally { $null = Connect-TallyfySandbox $sb }
    }
}
