// Live sessions: refreshes the table every second from the page's Data handler.
// Every value is client text (user names, paths, commands): placed with textContent, never parsed as HTML.
(function () {
    "use strict";
    var table = document.getElementById("sessions");
    if (!table) {
        return;
    }

    var body = table.tBodies[0];
    var empty = document.getElementById("empty");
    var unavailable = document.getElementById("unavailable");
    var state = document.getElementById("live-state");
    var tokenInput = document.querySelector("#token-source input[name='__RequestVerificationToken']");
    var dataUrl = table.getAttribute("data-url");
    var disconnectUrl = table.getAttribute("data-disconnect");
    var periodMs = 1000;
    var maxFailures = 30;
    var failures = 0;

    function cell(className, text) {
        var td = document.createElement("td");
        td.className = className;
        td.textContent = text;
        return td;
    }

    function span(className, text) {
        var s = document.createElement("span");
        s.className = className;
        s.textContent = text;
        return s;
    }

    function transferCell(transfer) {
        var td = document.createElement("td");
        td.className = "transfer";
        if (transfer) {
            td.appendChild(span("direction", transfer.direction));
            td.appendChild(span("path", transfer.path));
            td.appendChild(span("bytes", transfer.bytes));
            td.appendChild(span("rate", transfer.rate));
        } else {
            td.appendChild(span("idle", "idle"));
        }
        return td;
    }

    function hidden(name, value) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        return input;
    }

    function disconnectCell(id, node) {
        var td = document.createElement("td");
        var form = document.createElement("form");
        form.method = "post";
        form.action = disconnectUrl;
        form.appendChild(hidden("id", id));
        form.appendChild(hidden("node", node));
        if (tokenInput) {
            var token = document.createElement("input");
            token.type = "hidden";
            token.name = tokenInput.name;
            token.value = tokenInput.value;
            form.appendChild(token);
        }
        var button = document.createElement("button");
        button.type = "submit";
        button.className = "danger";
        button.textContent = "Disconnect";
        form.appendChild(button);
        td.appendChild(form);
        return td;
    }

    function render(sessions) {
        var rows = document.createDocumentFragment();
        sessions.forEach(function (s) {
            var tr = document.createElement("tr");
            tr.setAttribute("data-session", s.id);
            tr.setAttribute("data-node", s.node);
            tr.appendChild(cell("node", s.node));
            tr.appendChild(cell("user", s.user));
            tr.appendChild(cell("remote", s.remote));
            tr.appendChild(cell("tls", s.tls));
            tr.appendChild(cell("since", s.connectedSince));
            tr.appendChild(cell("command", s.lastCommand));
            tr.appendChild(transferCell(s.transfer));
            tr.appendChild(disconnectCell(s.id, s.node));
            rows.appendChild(tr);
        });
        body.replaceChildren(rows);
        empty.classList.toggle("hidden", sessions.length > 0);
    }

    function setState(text, className) {
        state.textContent = text;
        state.className = className;
    }

    function refresh() {
        fetch(dataUrl, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
            .then(function (response) {
                if (response.status === 401 || response.status === 403) {
                    setState("signed out: reload the page", "live stopped");
                    return null;
                }
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                return response.json();
            })
            .then(function (data) {
                if (data === null) {
                    return;
                }
                failures = 0;
                render(data.sessions);
                unavailable.classList.toggle("hidden", !data.otherNodesUnavailable);
                setState("live", "live");
                window.setTimeout(refresh, periodMs);
            })
            .catch(function () {
                failures++;
                if (failures >= maxFailures) {
                    setState("no connection to the server: reload the page", "live stopped");
                    return;
                }
                setState("reconnecting", "live waiting");
                window.setTimeout(refresh, periodMs);
            });
    }

    window.setTimeout(refresh, periodMs);
})();
