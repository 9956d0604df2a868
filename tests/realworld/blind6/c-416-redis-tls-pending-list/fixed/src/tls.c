int tlsProcessPendingData() {
    int processed = listLength(pending_list);
    for (int i = 0; i < processed; i++) {
        listNode *ln = listFirst(pending_list);
        if (!ln) break;
        tls_connection *conn = listNodeValue(ln);
        if (conn->pending_list_node) {
            listDelNode(pending_list, conn->pending_list_node);
            conn->pending_list_node = NULL;
        }
        tlsHandleEvent(conn, AE_READABLE);
    }
    return processed;
}
