import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Tree, type TreeDataNode } from 'antd';
import type { Region } from '../../shared/api-types';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { regionsQuery } from '../console-queries';

export interface SelectedRegion {
  code: string;
  name: string;
}

interface RegionNode extends TreeDataNode {
  key: string;
  region: Region;
  children?: RegionNode[];
}

function toNode(region: Region): RegionNode {
  return { key: region.code, title: region.name, isLeaf: !region.hasChildren, region };
}

function withChildren(nodes: RegionNode[], code: string, children: RegionNode[]): RegionNode[] {
  return nodes.map((node) => {
    if (node.key === code) return { ...node, children };
    return node.children ? { ...node, children: withChildren(node.children, code, children) } : node;
  });
}

/** The codes above a GB/T 2260 region code (province, city, county, township), outermost first. */
export function regionAncestors(code: string): string[] {
  const levels = [code.slice(0, 2) + '0000', code.slice(0, 4) + '00', code.slice(0, 6), code.slice(0, 9)];
  return [
    ...new Set(
      levels.filter((ancestor) => ancestor.length <= code.length && ancestor !== code && code.startsWith(ancestor.replace(/0+$/, ''))),
    ),
  ];
}

/** 行政区划: GET /regions, children loaded when a node is opened (and along the path to `initial`). */
export function RegionTree(props: { selected: string | null; initial: SelectedRegion | null; onSelect: (region: SelectedRegion) => void }) {
  const queryClient = useQueryClient();
  const roots = useQuery(regionsQuery(null));
  const [treeData, setTreeData] = useState<RegionNode[]>([]);
  const [expanded, setExpanded] = useState<string[]>(() => (props.initial ? regionAncestors(props.initial.code) : []));
  const started = useRef(false);

  useEffect(() => {
    // Once: the names are proper nouns, and reloading would drop the children already opened.
    if (!roots.data || started.current) return;
    started.current = true;
    let nodes = roots.data.map(toNode);
    setTreeData(nodes);
    // Open the path down to the initial region (its ancestors' children, one level at a time).
    const path = props.initial ? regionAncestors(props.initial.code) : [];
    void (async () => {
      for (const code of path) {
        const children = await queryClient.fetchQuery(regionsQuery(code)).catch(() => null);
        if (!children) return;
        nodes = withChildren(nodes, code, children.map(toNode));
        setTreeData(nodes);
        // A new array, so the tree takes the keys again now that the node exists.
        setExpanded((current) => [...new Set([...current, code])]);
      }
    })();
    const first = roots.data[0];
    if (!first) return;
    if (!props.selected) props.onSelect({ code: first.code, name: first.name });
    if (first.hasChildren) setExpanded((current) => (current.length ? current : [first.code]));
  }, [roots.data, props, queryClient]);

  const loadData = async (node: RegionNode) => {
    if (node.children || node.isLeaf) return;
    const children = await queryClient.fetchQuery(regionsQuery(node.key));
    setTreeData((current) => withChildren(current, node.key, children.map(toNode)));
  };

  if (roots.isPending || (roots.data?.length && treeData.length === 0)) return <LoadingBlock />;
  if (roots.isError) return <ErrorBlock error={roots.error} onRetry={() => void roots.refetch()} />;

  return (
    <div className="zl-region-tree" data-testid="region-tree">
      <Tree<RegionNode>
        blockNode
        treeData={treeData}
        loadData={loadData}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys.map(String))}
        selectedKeys={props.selected ? [props.selected] : []}
        onSelect={(_, info) => props.onSelect({ code: info.node.region.code, name: info.node.region.name })}
      />
    </div>
  );
}
